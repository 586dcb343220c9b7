package org.licensing.session.access;

/**
 * What session-service reads of a device (device-service owns it; read through common's DeviceStates).
 * {@code fromLookup}: only device-service's Redis look-up entry vouched for it (bound, not blocked as far
 * as that entry knows), so the session insert re-checks it against the published view in the same statement.
 */
public record DeviceRecord(long id, long licenseId, Long accountId, String clientDeviceId, boolean bound, boolean blocked,
        String blockedReason, boolean fromLookup) {

    public DeviceRecord(long id, long licenseId, Long accountId, String clientDeviceId, boolean bound, boolean blocked,
            String blockedReason) {
        this(id, licenseId, accountId, clientDeviceId, bound, blocked, blockedReason, false);
    }

    /** A device known only by device-service's look-up entry {@code device:lookup:{license}:{client id}}. */
    public static DeviceRecord fromLookup(long id, long licenseId, String clientDeviceId) {
        return new DeviceRecord(id, licenseId, null, clientDeviceId, true, false, null, true);
    }
}
