package org.licensing.common.devices;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The one reader of device-service's published view {@code device.device_states} (its migration
 * V40), for license-service (validation, certificates, legacy verify) and session-service (session
 * start, remote connections). Read-only and never on the heartbeat path; caching, where a caller
 * wants it, is the caller's.
 */
@ApplicationScoped
public class DeviceStates {

    /** A device row as other services may see it; {@code hwidHash} is the SHA-256 hex (never the HWID). */
    public record DeviceState(long id, long licenseId, Long accountId, String deviceId, boolean bound, boolean blocked,
            String blockedReason, String hwidHash) {}

    private static final String SELECT = "SELECT id, license_id, account_id, device_id, bound, blocked, blocked_reason, hwid_hash"
            + " FROM device.device_states";

    private final Pool pool;

    public DeviceStates(Pool pool) {
        this.pool = pool;
    }

    /** The device a client names on a license (its own identifier), or a null item. */
    public Uni<DeviceState> byClientId(long licenseId, String clientDeviceId) {
        return pool.preparedQuery(SELECT + " WHERE license_id = $1 AND device_id = $2")
                .execute(Tuple.of(licenseId, clientDeviceId)).map(DeviceStates::first);
    }

    /** By row id (the id in tokens, events and Redis keys), or a null item. */
    public Uni<DeviceState> byId(long id) {
        return pool.preparedQuery(SELECT + " WHERE id = $1").execute(Tuple.of(id)).map(DeviceStates::first);
    }

    /** By row id within one license only, or a null item (another license's device is not found). */
    public Uni<DeviceState> byIdOnLicense(long id, long licenseId) {
        return pool.preparedQuery(SELECT + " WHERE id = $1 AND license_id = $2").execute(Tuple.of(id, licenseId))
                .map(DeviceStates::first);
    }

    public Uni<Map<Long, DeviceState>> byIds(List<Long> ids) {
        return pool.preparedQuery(SELECT + " WHERE id = ANY($1)").execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
            Map<Long, DeviceState> m = new HashMap<>();
            for (Row r : rows) {
                m.put(r.getLong("id"), from(r));
            }
            return m;
        });
    }

    /** Devices bound to the license now. */
    public Uni<Long> boundCount(long licenseId) {
        return pool.preparedQuery("SELECT count(*) FROM device.device_states WHERE license_id = $1 AND bound")
                .execute(Tuple.of(licenseId)).map(rows -> rows.iterator().next().getLong(0));
    }

    private static DeviceState first(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? from(rows.iterator().next()) : null;
    }

    private static DeviceState from(Row r) {
        String hwid = r.getString("hwid_hash");
        return new DeviceState(r.getLong("id"), r.getLong("license_id"), r.getLong("account_id"), r.getString("device_id"),
                r.getBoolean("bound"), r.getBoolean("blocked"), r.getString("blocked_reason"), hwid == null ? null : hwid.trim());
    }
}
