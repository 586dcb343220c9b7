package org.licensing.stats;

/** Machine codes of stats-service problems. */
public final class StatsCodes {
    public static final String ACCOUNT_NOT_FOUND = "ACCOUNT_NOT_FOUND";
    public static final String LICENSE_NOT_FOUND = "LICENSE_NOT_FOUND";
    public static final String DEVICE_NOT_FOUND = "DEVICE_NOT_FOUND";
    public static final String INVALID_CURSOR = "INVALID_CURSOR";
    public static final String RANGE_TOO_LARGE = "RANGE_TOO_LARGE";

    private StatsCodes() {}
}
