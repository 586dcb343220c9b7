package org.licensing.license.validation;

import java.time.Instant;

import org.licensing.license.certificates.CertificateRecord;

/**
 * The online check of an offline certificate (validation with {@code certificate_id}), after the
 * license's own checks and before the device's: the certificate must be one of this license's,
 * issued to the device named in the request (if one is), not revoked and not past {@code not_after}.
 * Pure.
 */
public final class CertificateCheck {

    private CertificateCheck() {}

    /** Null when the certificate stands; otherwise the refusing outcome. */
    public static VerdictRules.Outcome judge(CertificateRecord c, String clientDeviceId, Long deviceRowId, Instant now) {
        if (c == null) {
            return new VerdictRules.Outcome(ValidationCodes.CERTIFICATE_NOT_FOUND, "No such certificate of this license");
        }
        boolean otherDevice = (deviceRowId != null && deviceRowId != c.deviceRowId())
                || (deviceRowId == null && clientDeviceId != null && !clientDeviceId.isBlank()
                        && !clientDeviceId.trim().equals(c.deviceId()));
        if (otherDevice) {
            return new VerdictRules.Outcome(ValidationCodes.CERTIFICATE_NOT_FOUND, "The certificate was issued to another device");
        }
        if (c.revokedAt() != null) {
            return new VerdictRules.Outcome(ValidationCodes.CERTIFICATE_REVOKED, "The certificate was revoked at " + c.revokedAt());
        }
        if (!c.notAfter().isAfter(now)) {
            return new VerdictRules.Outcome(ValidationCodes.CERTIFICATE_EXPIRED, "The certificate expired at " + c.notAfter());
        }
        return null;
    }
}
