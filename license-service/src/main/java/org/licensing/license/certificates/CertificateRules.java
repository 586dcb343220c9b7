package org.licensing.license.certificates;

import java.time.Duration;
import java.time.Instant;

import org.licensing.common.problem.ProblemException;
import org.licensing.license.validation.DeviceDirectory;
import org.licensing.license.validation.DeviceState;
import org.licensing.license.LicenseCodes;

/**
 * Who gets an offline certificate and for how long (docs/license-validation.md "Offline
 * certificates"). Pure: a certificate names a device bound (and not blocked) to the license whose
 * stored HWID hash equals the presented one, and is valid from issue for {@code validity_days}
 * (default and maximum configured), never past the license's own expiry.
 */
public final class CertificateRules {


    private CertificateRules() {}

    /** Refuses unless the device may carry a certificate for the HWID whose SHA-256 hex is {@code hwidHash}. */
    public static void requireIssuable(DeviceDirectory.Binding device, String hwidHash) {
        if (device == null || device.state() == DeviceState.NOT_BOUND) {
            throw ProblemException.conflict(LicenseCodes.DEVICE_NOT_ACTIVATED, "The device is not an active device of this license");
        }
        if (device.state() == DeviceState.BLOCKED) {
            throw ProblemException.conflict(LicenseCodes.DEVICE_BLOCKED, "The device is blocked");
        }
        // A device bound without an HWID has no hardware to name: certifying whatever is presented
        // would let one slot mint certificates for any machine.
        if (device.hwidHash() == null) {
            throw ProblemException.conflict(LicenseCodes.HWID_REQUIRED,
                    "The device was activated without a hardware id; activate it again with its hwid first");
        }
        if (!device.hwidHash().equalsIgnoreCase(hwidHash)) {
            throw ProblemException.conflict(LicenseCodes.HWID_MISMATCH, "The hwid is not the one the device is bound with");
        }
    }

    /** 400 unless {@code validity_days} is absent or at least 1 (larger values are capped, see {@link #notAfter}). */
    public static void checkValidityDays(Integer validityDays) {
        if (validityDays != null && validityDays < 1) {
            throw ProblemException.invalidField("validity_days", "must be at least 1");
        }
    }

    /** End of validity: requested (or default) days capped at the maximum and at the license's expiry. */
    public static Instant notAfter(Instant now, Integer validityDays, Duration defaultValidity, Duration maxValidity,
            Instant licenseExpiresAt) {
        Duration validity = validityDays == null ? defaultValidity : Duration.ofDays(validityDays);
        if (validity.compareTo(maxValidity) > 0) {
            validity = maxValidity;
        }
        Instant notAfter = now.plus(validity);
        if (licenseExpiresAt != null && licenseExpiresAt.isBefore(notAfter)) {
            notAfter = licenseExpiresAt;
        }
        return notAfter;
    }

    /** How a recorded certificate stands at {@code now}. */
    public static String status(Instant revokedAt, Instant notAfter, Instant now) {
        if (revokedAt != null) {
            return "REVOKED";
        }
        return notAfter.isAfter(now) ? "ACTIVE" : "EXPIRED";
    }
}
