package org.licensing.session.access;

import io.vertx.mutiny.sqlclient.Row;

/** What session-service reads of a device row (device-service owns {@code device.devices}). */
public record DeviceRecord(long id, long licenseId, Long accountId, String clientDeviceId, boolean bound, boolean blocked,
        String blockedReason) {

    static DeviceRecord from(Row r) {
        return new DeviceRecord(r.getLong("id"), r.getLong("license_id"), r.getLong("account_id"), r.getString("device_id"),
                r.getBoolean("bound"), r.getBoolean("blocked"), r.getString("blocked_reason"));
    }
}
