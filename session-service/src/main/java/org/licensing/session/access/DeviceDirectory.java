package org.licensing.session.access;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.devices.DeviceStates;

import io.smallrye.mutiny.Uni;

/**
 * session-service's view of devices, read through common's {@link DeviceStates} (device-service's
 * published view {@code device.device_states}); never on the heartbeat path.
 */
@ApplicationScoped
public class DeviceDirectory {

    private final DeviceStates states;

    public DeviceDirectory(DeviceStates states) {
        this.states = states;
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
