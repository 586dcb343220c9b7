package org.licensing.session.access;

/** What session-service reads of a device (device-service owns it; read through common's DeviceStates). */
public record DeviceRecord(long id, long licenseId, Long accountId, String clientDeviceId, boolean bound, boolean blocked,
        String blockedReason) {
}
