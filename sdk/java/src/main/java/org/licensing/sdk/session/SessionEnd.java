package org.licensing.sdk.session;

/**
 * Why a session stopped. {@code BLOCKED}, {@code EXPIRED}, {@code REVOKED}: the platform ended it
 * ({@code endReason} is the platform's: {@code blocked}, {@code license_suspended},
 * {@code license_revoked}, {@code timeout}, ...; {@code code} is set when a refusal of the token
 * ended it: {@code INVALID_SESSION_TOKEN}, {@code SESSION_ENDED}). {@code CLOSED}: the application
 * called {@link LicenseSession#close()} ({@code endReason} {@code signed_out}).
 */
public record SessionEnd(Status status, String endReason, String reason, String code) {

    /** The same values as sdk/js's end event {@code status}. */
    public enum Status {
        BLOCKED, EXPIRED, REVOKED, CLOSED;

        static Status of(HeartbeatStatus s) {
            return switch (s) {
                case BLOCKED -> BLOCKED;
                case REVOKED -> REVOKED;
                default -> EXPIRED;
            };
        }
    }

    /** True when the platform ended the session (not a close by the application). */
    public boolean byPlatform() {
        return status != Status.CLOSED;
    }
}
