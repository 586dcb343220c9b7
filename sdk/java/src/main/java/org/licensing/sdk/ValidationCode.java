package org.licensing.sdk;

/**
 * The platform's validation verdicts (docs/license-validation.md), checked by the platform in this
 * order; the first that fails is the answer.
 */
public enum ValidationCode {
    VALID,
    MALFORMED_KEY,
    NOT_FOUND,
    NOT_ACTIVATED,
    SUSPENDED,
    REVOKED,
    UPGRADED,
    EXPIRED,
    PRODUCT_MISMATCH,
    DOMAIN_NOT_ALLOWED,
    IP_NOT_ALLOWED,
    /** Only with a {@code certificate_id}: not this license's, or another device's. */
    CERTIFICATE_NOT_FOUND,
    CERTIFICATE_REVOKED,
    CERTIFICATE_EXPIRED,
    DEVICE_NOT_ACTIVATED,
    DEVICE_BLOCKED,
    USAGE_LIMIT_EXCEEDED,
    /** A code this version of the SDK does not know (a newer platform); {@link Validation#rawCode()} has it. */
    UNKNOWN;

    public static ValidationCode of(String code) {
        if (code == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(code);
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}
