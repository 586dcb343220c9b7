package org.licensing.common.ratelimit;

/**
 * Outcome of one counted request. {@code ipBlockedMillis > 0}: the subject's IP is blocked and
 * nothing was counted. {@code newlyBlocked}: this request's violation triggered the block.
 */
public record RateLimitDecision(int limit, long count, long resetMillis, long ipBlockedMillis, boolean newlyBlocked) {

    public boolean allowed() {
        return ipBlockedMillis <= 0 && count <= limit;
    }

    public boolean ipBlocked() {
        return ipBlockedMillis > 0;
    }

    public long remaining() {
        return Math.max(0, limit - count);
    }

    /** Whole seconds until the caller may try again (at least 1). */
    public long retryAfterSeconds() {
        long ms = ipBlocked() ? ipBlockedMillis : resetMillis;
        return Math.max(1, (ms + 999) / 1000);
    }
}
