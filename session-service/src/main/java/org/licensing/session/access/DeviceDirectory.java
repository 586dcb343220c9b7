package org.licensing.session.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Read-only look-ups in device-service's {@code device.devices} (never on the heartbeat path). */
@ApplicationScoped
public class DeviceDirectory {

    private static final String COLUMNS = "SELECT id, license_id, account_id, device_id, bound, blocked, blocked_reason FROM device.devices";

    private final Pool pool;

    public DeviceDirectory(Pool pool) {
        this.pool = pool;
    }

    /** The device a client names on a license, or null item. */
    public Uni<DeviceRecord> find(long licenseId, String clientDeviceId) {
        return pool.preparedQuery(COLUMNS + " WHERE license_id = $1 AND device_id = $2")
                .execute(Tuple.of(licenseId, clientDeviceId))
                .map(rows -> rows.iterator().hasNext() ? DeviceRecord.from(rows.iterator().next()) : null);
    }

    public Uni<DeviceRecord> byId(long id) {
        return pool.preparedQuery(COLUMNS + " WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? DeviceRecord.from(rows.iterator().next()) : null);
    }

    public Uni<Map<Long, DeviceRecord>> byIds(List<Long> ids) {
        return pool.preparedQuery(COLUMNS + " WHERE id = ANY($1)").execute(Tuple.of(ids.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, DeviceRecord> m = new HashMap<>();
                    for (Row r : rows) {
                        m.put(r.getLong("id"), DeviceRecord.from(r));
                    }
                    return m;
                });
    }
}
