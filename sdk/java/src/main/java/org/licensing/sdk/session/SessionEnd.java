package org.licensing.sdk.session;

/**
 * Why a session ended on the platform's side. {@code endReason} is the platform's
 * ({@code blocked}, {@code license_suspended}, {@code license_revoked}, {@code timeout}, ...);
 * {@code code} is set when a refusal ended it ({@code INVALID_SESSION_TOKEN}, {@code SESSION_ENDED}).
 */
public record SessionEnd(HeartbeatStatus status, String endReason, String reason, String code) {
}
