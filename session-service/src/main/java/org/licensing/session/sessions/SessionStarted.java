package org.licensing.session.sessions;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Answer of a session start: the token to send with every heartbeat, and when to beat. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionStarted(String sessionId, String token, String tokenType, long licenseId, long deviceId,
        Instant startedAt, Instant expiresAt, long heartbeatIntervalSeconds, long heartbeatGraceSeconds) {
}
