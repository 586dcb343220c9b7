package org.licensing.session.heartbeat;

/**
 * Turns a heartbeat script result into the answer a client gets (decision only, no I/O).
 * Script results: {@code ok sid credited usage} | {@code rate pttl} | {@code ended sid reason [detail]} |
 * {@code gone sid} | legacy only: {@code nolicense} | {@code nodevice lic} | {@code nosession lic dev}.
 */
public final class HeartbeatVerdict {

    public static final String OK = "ok";
    public static final String BLOCKED = "blocked";
    public static final String EXPIRED = "expired";
    public static final String REVOKED = "revoked";

    private HeartbeatVerdict() {}

    /** The status a session end reason answers with: blocked, revoked or expired. */
    public static String statusOf(String endReason) {
        return switch (endReason) {
            case "blocked", "account_suspended", "license_suspended", "license_unused" -> BLOCKED;
            case "revoked", "license_revoked" -> REVOKED;
            default -> EXPIRED;
        };
    }

    /** A human reason for a session end reason (the detail the device-service stored with a block wins). */
    public static String describe(String endReason, String detail) {
        String base = switch (endReason) {
            case "blocked" -> "The device is blocked";
            case "account_suspended" -> "The account is suspended";
            case "license_suspended" -> "The license is suspended";
            case "license_revoked" -> "The license was revoked";
            case "revoked" -> "The session token was revoked";
            case "license_expired" -> "The license has expired";
            case "license_upgraded" -> "The license was upgraded; start a new session";
            case "expired" -> "The session expired; start a new session";
            case "timeout" -> "No heartbeat arrived in time; start a new session";
            case "signed_out" -> "The session was signed out";
            default -> endReason.startsWith("license_") ? "The license is " + endReason.substring(8) : "The session ended";
        };
        return detail == null || detail.isEmpty() || "1".equals(detail) || "blocked".equals(detail) ? base : base + ": " + detail;
    }

    /** Legacy (requirement 001) status: success, error or blocked. */
    public static String legacyStatusOf(String endReason) {
        return BLOCKED.equals(statusOf(endReason)) || REVOKED.equals(statusOf(endReason))
                || "license_expired".equals(endReason) ? "blocked" : "error";
    }

    /** A legacy session that timed out (or was signed out) is replaced by a new one, as requirement 001 does. */
    public static boolean legacyReopens(String endReason) {
        return "timeout".equals(endReason) || "signed_out".equals(endReason) || "expired".equals(endReason);
    }

    /** Retry-After in whole seconds for a rate-limit pttl in ms (at least 1). */
    public static long retryAfterSeconds(long pttlMillis) {
        return Math.max(1, (pttlMillis + 999) / 1000);
    }
}
