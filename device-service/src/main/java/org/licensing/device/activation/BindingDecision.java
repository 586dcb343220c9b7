package org.licensing.device.activation;

import org.licensing.common.problem.ProblemException;
import org.licensing.device.DeviceCodes;

/**
 * What an activation does to a device, decided while the license's slot row is locked, so that
 * {@code boundCount} cannot change before the binding commits.
 */
public final class BindingDecision {

    public enum Outcome {
        /** First binding of this client device id on the license: takes a slot. */
        BIND_NEW,
        /** The device was unbound (deactivated or reset) and binds again: takes a slot. */
        REBIND,
        /** Already bound: idempotent, no new slot; refreshes last seen, IP, agent and fingerprint. */
        REFRESH
    }

    /** The device row for (license, client device id) as it stands, or null when there is none. */
    public record ExistingDevice(long rowId, boolean bound, boolean blocked, String blockedReason, String hwidHash) {}

    private BindingDecision() {}

    /**
     * @param maxDevices the license's limit; 0 means unlimited
     * @param hwidHash   SHA-256 hex of the presented HWID, or null when the client sent none
     */
    public static Outcome decide(ExistingDevice existing, String hwidHash, int boundCount, int maxDevices) {
        if (existing != null && existing.blocked()) {
            ProblemException p = new ProblemException(403, DeviceCodes.DEVICE_BLOCKED, "This device is blocked");
            throw existing.blockedReason() == null ? p : p.withExtension("reason", existing.blockedReason());
        }
        // While bound, a device id belongs to its hardware; once unbound it may bind anywhere (it takes a slot anyway).
        // Fails closed: a device bound with an HWID re-activates only by presenting that same HWID, so leaving
        // the hwid out (the API or the legacy register_user.php, which has no such field) moves nothing.
        if (existing != null && existing.bound() && existing.hwidHash() != null) {
            if (hwidHash == null) {
                throw ProblemException.conflict(DeviceCodes.HWID_REQUIRED,
                        "This device id is bound with a hardware id; present the same hwid to activate it again");
            }
            if (!existing.hwidHash().equals(hwidHash)) {
                throw ProblemException.conflict(DeviceCodes.HWID_MISMATCH,
                        "This device id is bound to other hardware; reset the device bindings to move it");
            }
        }
        if (existing != null && existing.bound()) {
            return Outcome.REFRESH;
        }
        if (maxDevices > 0 && boundCount >= maxDevices) {
            throw ProblemException.conflict(DeviceCodes.DEVICE_LIMIT_REACHED,
                    "The license allows " + maxDevices + " device" + (maxDevices == 1 ? "" : "s") + " and all are in use")
                    .withExtension("max_devices", maxDevices)
                    .withExtension("bound_devices", boundCount);
        }
        return existing == null ? Outcome.BIND_NEW : Outcome.REBIND;
    }
}
