package org.licensing.license.validation;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.devices.DeviceStates;
import org.licensing.common.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Read-only view of device-service's bindings: Redis first ({@code device:lookup:...} while bound,
 * {@code device:{id}:blocked} while blocked, both written by device-service at commit time), then
 * device-service's read view {@code device.device_states} on a miss (common's {@link DeviceStates}).
 * license-service never writes either.
 */
@ApplicationScoped
public class DeviceDirectory {

    /** A device as validation sees it: its row id (null when unknown) and state. */
    public record Device(Long rowId, DeviceState state) {}

    private final ReactiveRedisDataSource redis;
    private final DeviceStates states;

    public DeviceDirectory(ReactiveRedisDataSource redis, DeviceStates states) {
        this.redis = redis;
        this.states = states;
    }

    /** By the client's own device identifier. */
    public Uni<Device> byClientId(long licenseId, String clientDeviceId) {
        return redis.value(String.class).get(RedisKeys.deviceLookup(licenseId, clientDeviceId)).chain(rowId -> {
            if (rowId != null) {
                long id = Long.parseLong(rowId);
                return blockedFlag(id).map(blocked -> new Device(id, blocked ? DeviceState.BLOCKED : DeviceState.BOUND));
            }
            return states.byClientId(licenseId, clientDeviceId).map(DeviceDirectory::device);
        });
    }

    /** By the client's identifier from PostgreSQL alone: the caller already found no binding in Redis. */
    public Uni<Device> fromDatabase(long licenseId, String clientDeviceId) {
        return states.byClientId(licenseId, clientDeviceId).map(DeviceDirectory::device);
    }

    /**
     * By device row id (the id in tokens, events and Redis keys), within the license only: the row
     * is found by (id, license) first, so another license's device reads as NOT_BOUND whatever its
     * state (the blocked flag is keyed by row id alone and must not be an oracle across licenses).
     */
    public Uni<Device> byRowId(long licenseId, long deviceRowId) {
        return states.byIdOnLicense(deviceRowId, licenseId).map(DeviceDirectory::device)
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
        return states.byClientId(licenseId, clientDeviceId).map(d -> d == null ? null
                : new Binding(d.id(), d.deviceId(), device(d).state(), d.hwidHash()));
    }

    /** Devices bound to the license now (the legacy check of a free slot). */
    public Uni<Long> boundCount(long licenseId) {
        return states.boundCount(licenseId);
    }

    private Uni<Boolean> blockedFlag(long rowId) {
        return redis.key().exists(RedisKeys.deviceBlocked(rowId));
    }

    private static Device device(DeviceStates.DeviceState d) {
        if (d == null) {
            return new Device(null, DeviceState.NOT_BOUND);
        }
        if (!d.bound()) {
            return new Device(d.id(), DeviceState.NOT_BOUND);
        }
        return new Device(d.id(), d.blocked() ? DeviceState.BLOCKED : DeviceState.BOUND);
    }
}
