package org.licensing.session.sessions;

/**
 * An ended session waiting for its PostgreSQL write, as the scripts queue it in
 * {@code session:closing}: {@code sid|reason|ended_ms|last_ms|usage_seconds}.
 */
public record ClosingEntry(String sessionId, String reason, long endedAtMillis, Long lastHeartbeatMillis, long usageSeconds) {

    public static ClosingEntry parse(String member) {
        String[] p = member.split("\\|", -1);
        if (p.length != 5) {
            throw new IllegalArgumentException("Unreadable closing entry: " + member);
        }
        return new ClosingEntry(p[0], p[1], Long.parseLong(p[2]), p[3].isEmpty() ? null : Long.parseLong(p[3]),
                p[4].isEmpty() ? 0 : Long.parseLong(p[4]));
    }
}
