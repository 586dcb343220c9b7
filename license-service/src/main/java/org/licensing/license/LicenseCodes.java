package org.licensing.license;

/**
 * Machine codes of license-service problems: the API contract (clients branch on them), listed
 * in docs/error-codes.md. Codes every service shares are in {@code common/problem/ProblemCodes};
 * validation verdicts are in {@code validation/ValidationCodes}.
 */
public final class LicenseCodes {
    // licenses
    public static final String LICENSE_NOT_FOUND = "LICENSE_NOT_FOUND";
    public static final String LICENSE_ALREADY_REDEEMED = "LICENSE_ALREADY_REDEEMED";
    public static final String LICENSE_RESERVED = "LICENSE_RESERVED";
    public static final String LICENSE_REVOKED = "LICENSE_REVOKED";
    public static final String KEY_ALREADY_EXISTS = "KEY_ALREADY_EXISTS";
    public static final String NO_BASE_LICENSE = "NO_BASE_LICENSE";
    public static final String UPGRADE_NOT_HIGHER = "UPGRADE_NOT_HIGHER";
    public static final String NOTHING_TO_EXTEND = "NOTHING_TO_EXTEND";
    public static final String NOTHING_TO_UPDATE = "NOTHING_TO_UPDATE";
    public static final String BATCH_TOO_LARGE = "BATCH_TOO_LARGE";
    public static final String EMAIL_NOT_VERIFIED = "EMAIL_NOT_VERIFIED";
    public static final String SELLER_NAME_MISSING = "SELLER_NAME_MISSING";

    public static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
    public static final String ACCOUNT_SUSPENDED = "ACCOUNT_SUSPENDED";
    public static final String INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN";
    public static final String TOO_MANY_FAILED_SIGN_INS = "TOO_MANY_FAILED_SIGN_INS";
    public static final String INVALID_CHALLENGE = "INVALID_CHALLENGE";
    public static final String DEVICE_NOT_ACTIVATED = "DEVICE_NOT_ACTIVATED";
    public static final String DEVICE_BLOCKED = "DEVICE_BLOCKED";
    public static final String HWID_MISMATCH = "HWID_MISMATCH";
    public static final String HWID_REQUIRED = "HWID_REQUIRED";
    public static final String LICENSE_NOT_USABLE = "LICENSE_NOT_USABLE";
    public static final String USAGE_LIMIT_EXCEEDED = "USAGE_LIMIT_EXCEEDED";
    public static final String RELEASE_NOT_FOUND = "RELEASE_NOT_FOUND";
    public static final String RELEASE_EXISTS = "RELEASE_EXISTS";
    public static final String LICENSE_INVALID = "LICENSE_INVALID";
    public static final String RELEASES_KEY_REQUIRED = "RELEASES_KEY_REQUIRED";
    public static final String SUSPENDED_BY_HIGHER_ROLE = "SUSPENDED_BY_HIGHER_ROLE";
    public static final String INVALID_STATUS_TRANSITION = "INVALID_STATUS_TRANSITION";
    public static final String REQUEST_NOT_FOUND = "REQUEST_NOT_FOUND";
    public static final String REQUEST_ALREADY_PENDING = "REQUEST_ALREADY_PENDING";
    public static final String REQUEST_ALREADY_DECIDED = "REQUEST_ALREADY_DECIDED";
    public static final String INVALID_TRANSFER_TARGET = "INVALID_TRANSFER_TARGET";
    public static final String PRODUCT_NOT_FOUND = "PRODUCT_NOT_FOUND";
    public static final String PRODUCT_CODE_TAKEN = "PRODUCT_CODE_TAKEN";
    public static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";
    public static final String USERNAME_TAKEN = "USERNAME_TAKEN";
    public static final String EMAIL_TAKEN = "EMAIL_TAKEN";
    public static final String SELLER_NAME_TAKEN = "SELLER_NAME_TAKEN";
    public static final String ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND";
    public static final String INVALID_VERIFICATION_TOKEN = "INVALID_VERIFICATION_TOKEN";
    public static final String EMAIL_ALREADY_VERIFIED = "EMAIL_ALREADY_VERIFIED";
    public static final String INVALID_CURRENT_PASSWORD = "INVALID_CURRENT_PASSWORD";
    public static final String INVALID_RESET_TOKEN = "INVALID_RESET_TOKEN";
    public static final String TWO_FACTOR_ALREADY_ENABLED = "TWO_FACTOR_ALREADY_ENABLED";
    public static final String TWO_FACTOR_NOT_ENABLED = "TWO_FACTOR_NOT_ENABLED";
    public static final String TWO_FACTOR_NOT_STARTED = "TWO_FACTOR_NOT_STARTED";
    public static final String INVALID_TWO_FACTOR_CODE = "INVALID_TWO_FACTOR_CODE";

    public static final String CERTIFICATE_NOT_FOUND = "CERTIFICATE_NOT_FOUND";
    public static final String LICENSE_NOT_CHANGEABLE = "LICENSE_NOT_CHANGEABLE";
    public static final String OWNER_CHANGED = "OWNER_CHANGED";
    public static final String CANNOT_SUSPEND_SELF = "CANNOT_SUSPEND_SELF";

    public static final String INVALID_MAGIC_LINK = "INVALID_MAGIC_LINK";

    private LicenseCodes() {}
}
