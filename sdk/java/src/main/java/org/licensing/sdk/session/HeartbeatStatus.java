package org.licensing.sdk.session;

import java.util.Locale;

/** The heartbeat's answer: {@code ok}, or why the platform ended the session. */
public enum HeartbeatStatus {
    OK,
    /** The device is blocked, the license suspended or the owner's account suspended. */
    BLOCKED,
    /** The session timed out or ended, the token or the license expired. */
    EXPIRED,
    /** The license was revoked or the token put on the blacklist. */
    REVOKED;

    /** The platform's lower-case status; an unknown one counts as {@link #EXPIRED} (the session is not usable). */
    public static HeartbeatStatus of(String s) {
        if (s == null) {
            return EXPIRED;
        }
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return EXPIRED;
        }
    }
}
