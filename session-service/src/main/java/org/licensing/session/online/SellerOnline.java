package org.licensing.session.online;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.session.sessions.SessionLeases;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Devices online now across all of a seller's licenses. Online state lives only in Redis, per license
 * (the license's seats, scored by lease end); there is no per-seller set, because the heartbeat
 * script would then write a key outside the license's hash slot on every beat. So the licenses that can
 * have a device online at all — those with an open session, from the partial index on
 * {@code client_sessions} — are read from PostgreSQL and their live devices counted in Redis. The cost
 * follows the seller's licenses in use, not all the licenses they ever issued.
 */
@ApplicationScoped
public class SellerOnline {

    public record OnlineSeller(long sellerId, long onlineDevices, long licensesOnline) {}

    static final String LICENSES_IN_USE = "SELECT DISTINCT s.license_id FROM session.client_sessions s"
            + " JOIN license.license_owners o ON o.license_id = s.license_id WHERE s.ended_at IS NULL AND o.seller_id = $1";
    /** How many script calls are in flight at once (a pooled connection each). */
    static final int CONCURRENCY = 4;

    private final Pool pool;
    private final SessionLeases leases;

    public SellerOnline(Pool pool, SessionLeases leases) {
        this.pool = pool;
        this.leases = leases;
    }

    /** Licenses per script call: one call reads all their seats, short enough not to hold Redis up. */
    static final int CHUNK = 100;

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            out.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
        }
        return out;
    }

    public Uni<OnlineSeller> count(long sellerId) {
        return pool.preparedQuery(LICENSES_IN_USE).execute(Tuple.of(sellerId)).chain(rows -> {
            List<Long> ids = new ArrayList<>();
            for (Row r : rows) {
                ids.add(r.getLong(0));
            }
            return Multi.createFrom().iterable(chunks(ids))
                    .onItem().transformToUni(chunk -> leases.online(chunk, 0))
                    .merge(CONCURRENCY)
                    .collect().in(() -> new long[2], (acc, found) -> found.forEach(l -> {
                        acc[0] += l.onlineDevices();
                        acc[1] += l.onlineDevices() > 0 ? 1 : 0;
                    }))
                    .map(acc -> new OnlineSeller(sellerId, acc[0], acc[1]));
        });
    }
}
