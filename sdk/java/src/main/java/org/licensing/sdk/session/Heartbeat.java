package org.licensing.sdk.session;

import java.util.Map;

import org.licensing.sdk.internal.Values;

/** One heartbeat's answer. {@code nextHeartbeatSeconds}, credits and usage are set when the status is OK. */
public record Heartbeat(HeartbeatStatus status, String sessionId, Long nextHeartbeatSeconds, Long creditedSeconds,
        Long usageSeconds, String endReason, String reason) {

    static Heartbeat fromAnswer(Map<String, Object> b) {
        return new Heartbeat(HeartbeatStatus.of(Values.str(b, "status")), Values.str(b, "session_id"),
                Values.lng(b, "next_heartbeat_seconds"), Values.lng(b, "credited_seconds"), Values.lng(b, "usage_seconds"),
                Values.str(b, "end_reason"), Values.str(b, "reason"));
    }
}
