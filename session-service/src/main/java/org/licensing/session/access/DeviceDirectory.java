package org.licensing.session.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.devices.DeviceStates;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;

import io.smallrye.mutiny.Uni;

/**
 * session-service's view of devices, read through common's {@link DeviceStates} (device-service's
 * published view {@code device.device_states}) and device-service's look-up entries in Redis; never on
 * the heartbeat path.
 */
@ApplicationScoped
public class DeviceDirectory {

    private final DeviceStates states;
    private final ReactiveRedisDataSource redis;

    public DeviceDirectory(DeviceStates states, ReactiveRedisDataSource redis) {
        this.states = states;
        this.redis = redis;
    }

    /**
     * The device for a session start: device-service's Redis look-up entry when it has one (no PostgreSQL
     * read; the session insert re-checks the device in the same statement), else the published view.
     */
    public Uni<DeviceRecord> forStart(LicenseSnapshot license, String clientDeviceId) {
        long licenseId = license.id();
        if (license.ownerAccountId() == null) {
            // the session's account is then the device's, which only the view has
            return find(licenseId, clientDeviceId);
        }
        return redis.value(String.class).get(RedisKeys.deviceLookup(licenseId, clientDeviceId))
                .chain(rowId -> forStart(license, clientDeviceId, rowId));
    }

    /** {@link #forStart(LicenseSnapshot, String)} when the caller already read the look-up entry (null: absent). */
    public Uni<DeviceRecord> forStart(LicenseSnapshot license, String clientDeviceId, String lookupEntry) {
        if (license.ownerAccountId() == null || lookupEntry == null) {
            return find(license.id(), clientDeviceId);
        }
        return Uni.createFrom().item(DeviceRecord.fromLookup(Long.parseLong(lookupEntry), license.id(), clientDeviceId));
    }

    /** The device a client names on a license, or null item. */
    public Uni<DeviceRecord> find(long licenseId, String clientDeviceId) {
        return states.byClientId(licenseId, clientDeviceId).map(DeviceDirectory::record);
    }

    public Uni<DeviceRecord> byId(long id) {
        return states.byId(id).map(DeviceDirectory::record);
    }

    public Uni<Map<Long, DeviceRecord>> byIds(List<Long> ids) {
        return states.byIds(ids).map(found -> {
            Map<Long, DeviceRecord> m = new HashMap<>();
            found.forEach((id, d) -> m.put(id, record(d)));
            return m;
        });
    }

    private static DeviceRecord record(DeviceStates.DeviceState d) {
        return d == null ? null
                : new DeviceRecord(d.id(), d.licenseId(), d.accountId(), d.deviceId(), d.bound(), d.blocked(), d.blockedReason());
    }
}
