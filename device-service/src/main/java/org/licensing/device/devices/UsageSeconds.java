package org.licensing.device.devices;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The one reader of stats-service's published view {@code stats.device_usage} (its migration V40). */
@ApplicationScoped
public class UsageSeconds {

    private final Pool pool;

    public UsageSeconds(Pool pool) {
        this.pool = pool;
    }

    /** Seconds of sessions per device row id; a device with no heartbeat yet is absent. */
    public Uni<Map<Long, Long>> ofDevices(List<Long> deviceIds) {
        String[] ids = deviceIds.stream().map(String::valueOf).toArray(String[]::new);
        return pool.preparedQuery("SELECT device_id, usage_seconds FROM stats.device_usage WHERE device_id = ANY($1)")
                .execute(Tuple.of(ids)).map(rows -> {
                    Map<Long, Long> seconds = new HashMap<>();
                    rows.forEach(r -> seconds.put(Long.parseLong(r.getString("device_id")), r.getLong("usage_seconds")));
                    return seconds;
                });
    }
}
