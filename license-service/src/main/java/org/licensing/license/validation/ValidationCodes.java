package org.licensing.license.validation;

/**
 * Verdict codes of license validation (DESIGN section 5), in the order the checks run.
 * The order is part of the contract: a suspended and expired license answers SUSPENDED.
 */
public final class ValidationCodes {
    public static final String VALID = "VALID";
    public static final String MALFORMED_KEY = "MALFORMED_KEY";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String NOT_ACTIVATED = "NOT_ACTIVATED";
    public static final String SUSPENDED = "SUSPENDED";
    public static final String REVOKED = "REVOKED";
    public static final String UPGRADED = "UPGRADED";
    public static final String EXPIRED = "EXPIRED";
    public static final String PRODUCT_MISMATCH = "PRODUCT_MISMATCH";
    public static final String DOMAIN_NOT_ALLOWED = "DOMAIN_NOT_ALLOWED";
    public static final String IP_NOT_ALLOWED = "IP_NOT_ALLOWED";
    public static final String DEVICE_NOT_ACTIVATED = "DEVICE_NOT_ACTIVATED";
    public static final String DEVICE_BLOCKED = "DEVICE_BLOCKED";
    /** Legacy verify_key only: the device is not bound and the license has no free slot. */
    public static final String TOO_MANY_DEVICES = "TOO_MANY_DEVICES";
    public static final String USAGE_LIMIT_EXCEEDED = "USAGE_LIMIT_EXCEEDED";
    /** With {@code certificate_id}: no such certificate of this license (or issued to another device). */
    public static final String CERTIFICATE_NOT_FOUND = "CERTIFICATE_NOT_FOUND";
    public static final String CERTIFICATE_REVOKED = "CERTIFICATE_REVOKED";
    public static final String CERTIFICATE_EXPIRED = "CERTIFICATE_EXPIRED";

    private ValidationCodes() {}
}
