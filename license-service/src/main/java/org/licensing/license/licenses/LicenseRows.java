package org.licensing.license.licenses;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.licensing.common.auth.Caller;
import org.licensing.common.events.EventEnvelope;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reading {@code license.licenses} rows and building their events: the small pieces every
 * license use (issuing, redemption, changes, requests, the expiry job) shares.
 */
public final class LicenseRows {

    static final String SELECT_FOR_UPDATE_BY_HASH = License.SELECT + " WHERE l.key_hash = $1 FOR UPDATE OF l";

    private LicenseRows() {}

    /** A license with its product code, optionally locking the licenses row. */
    public static Uni<License> byIdIn(SqlClient client, long id, boolean forUpdate) {
        return client.preparedQuery(License.SELECT + " WHERE l.id = $1" + (forUpdate ? " FOR UPDATE OF l" : ""))
                .execute(Tuple.of(id)).map(LicenseRows::firstOrNull);
    }

    static License firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? License.from(rows.iterator().next()) : null;
    }

    static OffsetDateTime utc(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    public static EventEnvelope.Builder event(String type, License l, Caller caller, String ip, Map<String, Object> data) {
        return EventEnvelope.of(type).license(l.id()).account(l.ownerAccountId()).actor(caller == null ? null : caller.accountId())
                .ip(ip).source(LicenseEvents.SOURCE).data(data);
    }

    /** A map that, unlike Map.of, keeps null values out instead of failing on them. */
    public static Map<String, Object> data(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }
}
