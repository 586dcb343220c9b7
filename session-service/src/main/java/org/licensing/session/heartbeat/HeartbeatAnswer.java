package org.licensing.session.heartbeat;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Answer of {@code POST /api/v1/sessions/heartbeat}: {@code ok} with the next interval, or why the session ended. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HeartbeatAnswer(String status, String sessionId, Long nextHeartbeatSeconds, Long creditedSeconds,
        Long usageSeconds, String endReason, String reason) {
}
