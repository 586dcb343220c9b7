package org.licensing.session.sessions;

/**
 * An ended session waiting for its PostgreSQL write, as the scripts queue it in its session partition's
 * closing set ({@link SessionKeys#closing}): {@code sid|reason|ended_ms|last_ms|usage_seconds|partition}.
 */
public record ClosingEntry(String sessionId, String reason, long endedAtMillis, Long lastHeartbeatMillis, long usageSeconds,
        int partition) {

    public static ClosingEntry parse(String member) {
        String[] p = member.split("\\|", -1);
        if (p.length != 6) {
            throw new IllegalArgumentException("Unreadable closing entry: " + member);
        }
        try {
            return new ClosingEntry(p[0], p[1], Long.parseLong(p[2]), p[3].isEmpty() ? null : Long.parseLong(p[3]),
                    p[4].isEmpty() ? 0 : Long.parseLong(p[4]), Integer.parseInt(p[5]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Unreadable closing entry: " + member, e);
        }
    }

    /** The partition whose closing set holds {@code member}, or -1 when the entry cannot be read. */
    static int partitionOf(String member) {
        int bar = member.lastIndexOf('|');
        try {
            int p = Integer.parseInt(member.substring(bar + 1));
            return p >= 0 && p < org.licensing.common.redis.RedisKeys.SESSION_PARTITIONS ? p : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
