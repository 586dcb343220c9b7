package org.licensing.sdk.session;

import java.time.Duration;
import java.util.Map;

/**
 * How to start a session: the activated device's id and the application's version (both
 * required), optional language tag and session data, the listener, and
 * {@code maxHeartbeatInterval}: beat at least this often (the server's interval is used when
 * shorter; never below 1 s).
 */
public record SessionOptions(String deviceId, String clientVersion, String language, Map<String, Object> sessionData,
        SessionListener listener, Duration maxHeartbeatInterval) {

    public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public static SessionOptions of(String deviceId, String clientVersion) {
        return new SessionOptions(deviceId, clientVersion, null, null, null, null);
    }

    public SessionOptions language(String l) {
        return new SessionOptions(deviceId, clientVersion, l, sessionData, listener, maxHeartbeatInterval);
    }

    public SessionOptions sessionData(Map<String, Object> d) {
        return new SessionOptions(deviceId, clientVersion, language, d, listener, maxHeartbeatInterval);
    }

    public SessionOptions listener(SessionListener l) {
        return new SessionOptions(deviceId, clientVersion, language, sessionData, l, maxHeartbeatInterval);
    }

    public SessionOptions maxHeartbeatInterval(Duration d) {
        return new SessionOptions(deviceId, clientVersion, language, sessionData, listener,
                d == null || d.compareTo(MIN_INTERVAL) >= 0 ? d : MIN_INTERVAL);
    }
}
