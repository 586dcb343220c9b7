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

    /**
     * By device row id (the id in tokens, events and Redis keys), within the license only: the row
     * is found by (id, license) first, so another license's device reads as NOT_BOUND whatever its
     * state (the blocked flag is keyed by row id alone and must not be an oracle across licenses).
     */
    public Uni<Device> byRowId(long licenseId, long deviceRowId) {
        return pool.preparedQuery("SELECT id, bound, blocked FROM device.devices WHERE id = $1 AND license_id = $2")
                .execute(Tuple.of(deviceRowId, licenseId)).map(DeviceDirectory::fromRows)
                .chain(d -> d.state() != DeviceState.BOUND ? Uni.createFrom().item(d)
                        : blockedFlag(deviceRowId).map(blocked -> blocked ? new Device(deviceRowId, DeviceState.BLOCKED) : d));
    }

    /** A device row as an offline certificate needs it: state and the SHA-256 of its HWID (null when bound without one). */
    public record Binding(long rowId, String deviceId, DeviceState state, String hwidHash) {}

    /**
     * The committed row of (license, client device id), or a null item when there is none. Read from
     * PostgreSQL, not the cache: a certificate outlives the request, so it must see the HWID as stored.
     */
    public Uni<Binding> binding(long licenseId, String clientDeviceId) {
        return pool.preparedQuery("SELECT id, device_id, bound, blocked, hwid_hash FROM device.devices"
                + " WHERE license_id = $1 AND device_id = $2").execute(Tuple.of(licenseId, clientDeviceId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return null;
                    }
                    Row r = rows.iterator().next();
                    DeviceState state = !r.getBoolean("bound") ? DeviceState.NOT_BOUND
                            : r.getBoolean("blocked") ? DeviceState.BLOCKED : DeviceState.BOUND;
                    String hwid = r.getString("hwid_hash");
                    return new Binding(r.getLong("id"), r.getString("device_id"), state, hwid == null ? null : hwid.trim());
                });
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
