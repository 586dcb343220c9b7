package org.licensing.license.validation;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Read-only view of device-service's bindings: Redis first ({@code device:lookup:...} while bound,
 * {@code device:{id}:blocked} while blocked, both written by device-service at commit time), then
 * {@code device.devices} on a miss. license-service never writes either.
 */
@ApplicationScoped
public class DeviceDirectory {

    /** A device as validation sees it: its row id (null when unknown) and state. */
    public record Device(Long rowId, DeviceState state) {}

    private final ReactiveRedisDataSource redis;
    private final Pool pool;

    public DeviceDirectory(ReactiveRedisDataSource redis, Pool pool) {
        this.redis = redis;
        this.pool = pool;
    }

    /** By the client's own device identifier. */
    public Uni<Device> byClientId(long licenseId, String clientDeviceId) {
        return redis.value(String.class).get(RedisKeys.deviceLookup(licenseId, clientDeviceId)).chain(rowId -> {
            if (rowId != null) {
                long id = Long.parseLong(rowId);
                return blockedFlag(id).map(blocked -> new Device(id, blocked ? DeviceState.BLOCKED : DeviceState.BOUND));
            }
            return pool.preparedQuery("SELECT id, bound, blocked FROM device.devices WHERE license_id = $1 AND device_id = $2")
                    .execute(Tuple.of(licenseId, clientDeviceId)).map(DeviceDirectory::fromRows);
        });
    }

    /** By device row id (the id in tokens, events and Redis keys). */
    public Uni<Device> byRowId(long licenseId, long deviceRowId) {
        return blockedFlag(deviceRowId).chain(blocked -> blocked
                ? Uni.createFrom().item(new Device(deviceRowId, DeviceState.BLOCKED))
                : pool.preparedQuery("SELECT id, bound, blocked FROM device.devices WHERE id = $1 AND license_id = $2")
                        .execute(Tuple.of(deviceRowId, licenseId)).map(DeviceDirectory::fromRows));
    }

    /** Devices bound to the license now (the legacy check of a free slot). */
    public Uni<Long> boundCount(long licenseId) {
        return pool.preparedQuery("SELECT count(*) FROM device.devices WHERE license_id = $1 AND bound")
                .execute(Tuple.of(licenseId)).map(rows -> rows.iterator().next().getLong(0));
    }

    private Uni<Boolean> blockedFlag(long rowId) {
        return redis.key().exists(RedisKeys.deviceBlocked(rowId));
    }

    private static Device fromRows(RowSet<Row> rows) {
        if (!rows.iterator().hasNext()) {
            return new Device(null, DeviceState.NOT_BOUND);
        }
        Row r = rows.iterator().next();
        long id = r.getLong("id");
        if (!r.getBoolean("bound")) {
            return new Device(id, DeviceState.NOT_BOUND);
        }
        return new Device(id, r.getBoolean("blocked") ? DeviceState.BLOCKED : DeviceState.BOUND);
    }
}
