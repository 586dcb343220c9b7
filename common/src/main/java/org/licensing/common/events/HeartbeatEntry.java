package org.licensing.common.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One heartbeat on {@code lm:heartbeats:{n}} as flat stream fields (DESIGN section 3), written by
 * session-service's heartbeat script and read by stats-service. {@code seconds} is the usage
 * credited by this beat (time since the session's previous beat, capped). {@code ts} is epoch ms.
 */
public record HeartbeatEntry(int version, String id, String sessionId, long licenseId, long accountId,
        String deviceId, long ts, long seconds, String server) {

    public static final String V = "v", ID = "id", SESSION_ID = "session_id", LICENSE_ID = "license_id",
            ACCOUNT_ID = "account_id", DEVICE_ID = "device_id", TS = "ts", SECONDS = "seconds", SERVER = "server";

    public Map<String, String> toFields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(V, Integer.toString(version));
        m.put(ID, id);
        m.put(SESSION_ID, sessionId);
        m.put(LICENSE_ID, Long.toString(licenseId));
        m.put(ACCOUNT_ID, Long.toString(accountId));
        m.put(DEVICE_ID, deviceId);
        m.put(TS, Long.toString(ts));
        m.put(SECONDS, Long.toString(seconds));
        if (server != null) {
            m.put(SERVER, server);
        }
        return m;
    }

    public static HeartbeatEntry fromFields(Map<String, String> f) {
        return new HeartbeatEntry(Integer.parseInt(f.getOrDefault(V, "1")), f.get(ID), f.get(SESSION_ID),
                parseLong(f.get(LICENSE_ID)), parseLong(f.get(ACCOUNT_ID)), f.get(DEVICE_ID),
                parseLong(f.get(TS)), parseLong(f.get(SECONDS)), f.get(SERVER));
    }

    private static long parseLong(String s) {
        return s == null || s.isEmpty() ? 0L : Long.parseLong(s);
    }
}
