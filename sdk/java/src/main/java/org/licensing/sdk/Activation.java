package org.licensing.sdk;

import java.time.Instant;
import java.util.Map;

import org.licensing.sdk.internal.Values;

/**
 * Answer of an activation: the device is bound ({@code alreadyBound} when it was before and took
 * no slot). {@code deviceRowId} is the platform's id of the device (for {@code deactivate}).
 */
public record Activation(boolean alreadyBound, long deviceRowId, String deviceId, long licenseId, String licenseStatus,
        Instant licenseExpiresAt, Integer maxDevices, Integer boundDevices, Map<String, Object> raw) {

    static Activation fromAnswer(Map<String, Object> b) {
        Map<String, Object> d = Values.obj(b, "device");
        Map<String, Object> l = Values.obj(b, "license");
        Long max = Values.lng(l, "max_devices");
        Long bound = Values.lng(l, "bound_devices");
        Long rowId = Values.lng(d, "id");
        Long licId = Values.lng(l, "id");
        return new Activation(Values.bool(b, "already_bound"), rowId == null ? 0 : rowId, Values.str(d, "device_id"),
                licId == null ? 0 : licId, Values.str(l, "status"), Values.instant(l, "expires_at"),
                max == null ? null : max.intValue(), bound == null ? null : bound.intValue(), b);
    }
}
