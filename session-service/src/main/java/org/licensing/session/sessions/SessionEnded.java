package org.licensing.session.sessions;

import java.time.OffsetDateTime;

/** Answer of a sign-out. */
public record SessionEnded(String sessionId, String endReason, OffsetDateTime endedAt, Integer durationSeconds,
        long usageSeconds) {
}
