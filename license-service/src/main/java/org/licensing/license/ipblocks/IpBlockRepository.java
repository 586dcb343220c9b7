package org.licensing.license.ipblocks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the IP-block records of every service (each keeps {@code <schema>.ip_rate_limits}, see
 * IpBlockRecorder) and writes lifts into {@code license.ip_block_lifts}. A record is an active block while
 * its {@code blocked_until} is ahead and no lift of its address came after it was written.
 */
@ApplicationScoped
public class IpBlockRepository {

    /** The schemas whose services record IP blocks; only those that exist here are read. */
    static final List<String> SCHEMAS = List.of("license", "device", "session", "stats");
    static final int MAX_LISTED = 500;

    private final Pool pool;

    public IpBlockRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<IpBlock>> active(String ip) {
        return pool.preparedQuery("SELECT table_schema FROM information_schema.tables WHERE table_name = 'ip_rate_limits'"
                + " AND table_schema = ANY($1)").execute(Tuple.of(SCHEMAS.toArray(new String[0]))).chain(rows -> {
                    List<String> parts = new ArrayList<>();
                    for (Row r : rows) {
                        String schema = r.getString(0);
                        if (Set.copyOf(SCHEMAS).contains(schema)) { // only the known names go into the SQL text
                            parts.add("SELECT '" + schema + "' AS service, ip_address, endpoint, request_count, reason,"
                                    + " blocked_until, created_at FROM " + schema + ".ip_rate_limits WHERE blocked_until > now()");
                        }
                    }
                    if (parts.isEmpty()) {
                        return Uni.createFrom().item(List.<IpBlock>of());
                    }
                    String sql = "SELECT b.ip_address, min(b.created_at) AS since, max(b.blocked_until) AS until,"
                            + " sum(b.request_count) AS request_count, string_agg(DISTINCT b.reason, '; ') AS reason,"
                            + " array_agg(DISTINCT b.service) AS services, array_agg(DISTINCT b.endpoint) AS endpoints"
                            + " FROM (" + String.join(" UNION ALL ", parts) + ") b"
                            + " WHERE ($1::varchar IS NULL OR b.ip_address = $1) AND NOT EXISTS (SELECT 1 FROM license.ip_block_lifts x"
                            + " WHERE x.ip_address = b.ip_address AND x.lifted_at >= b.created_at)"
                            + " GROUP BY b.ip_address ORDER BY since DESC LIMIT " + MAX_LISTED;
                    return pool.preparedQuery(sql).execute(Tuple.of(ip)).map(found -> {
                        List<IpBlock> out = new ArrayList<>();
                        for (Row r : found) {
                            out.add(new IpBlock(r.getString("ip_address"), r.getString("reason"), r.getOffsetDateTime("since"),
                                    r.getOffsetDateTime("until"), r.getLong("request_count"),
                                    List.of(r.getArrayOfStrings("services")), List.of(r.getArrayOfStrings("endpoints"))));
                        }
                        return out;
                    });
                });
    }

    public Uni<Void> recordLift(SqlClient tx, String ip, long adminId) {
        return tx.preparedQuery("INSERT INTO license.ip_block_lifts (ip_address, lifted_by) VALUES ($1, $2)")
                .execute(Tuple.of(ip, adminId)).replaceWithVoid();
    }
}
