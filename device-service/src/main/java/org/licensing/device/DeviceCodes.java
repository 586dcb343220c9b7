package org.licensing.device;

/** Machine codes of device-service problems (stable: clients branch on them). */
public final class DeviceCodes {
    public static final String LICENSE_NOT_FOUND = "LICENSE_NOT_FOUND";
    public static final String LICENSE_NOT_ACTIVE = "LICENSE_NOT_ACTIVE";
    public static final String LICENSE_SUSPENDED = "LICENSE_SUSPENDED";
    public static final String LICENSE_EXPIRED = "LICENSE_EXPIRED";
    public static final String LICENSE_REVOKED = "LICENSE_REVOKED";
    public static final String LICENSE_UPGRADED = "LICENSE_UPGRADED";
    public static final String PRODUCT_MISMATCH = "PRODUCT_MISMATCH";
    public static final String DEVICE_LIMIT_REACHED = "DEVICE_LIMIT_REACHED";
    public static final String DEVICE_BLOCKED = "DEVICE_BLOCKED";
    public static final String DEVICE_NOT_FOUND = "DEVICE_NOT_FOUND";
    public static final String HWID_MISMATCH = "HWID_MISMATCH";
    /** A device bound with an HWID was activated again without one. */
    public static final String HWID_REQUIRED = "HWID_REQUIRED";
    public static final String HWID_RESET_LIMIT_REACHED = "HWID_RESET_LIMIT_REACHED";
    public static final String HWID_RESET_COOLDOWN = "HWID_RESET_COOLDOWN";

    private DeviceCodes() {}
}
