package org.licensing.stats.aggregation;

/**
 * How long a partition's loop waits before its next poll. An empty poll is not free (a PostgreSQL
 * transaction around the offset row lock and two Redis reads), and eight partition loops polling an idle
 * stream every 100 ms cost more CPU than the entries they apply at production rates. So a full batch polls
 * again at once, a partial batch after {@code idle}, and each empty (or busy) poll in a row doubles the wait
 * up to {@code maxIdle}: a quiet partition costs a few polls a second, and the first entry after a quiet
 * spell waits at most {@code maxIdle}.
 */
final class PollPacing {

    private PollPacing() {}

    static long nextDelayMs(long previousDelayMs, int batchEntries, int batchSize, long idleMs, long maxIdleMs) {
        if (batchEntries >= batchSize) {
            return 1;
        }
        if (batchEntries > 0) {
            return idleMs;
        }
        long backedOff = previousDelayMs >= idleMs ? previousDelayMs * 2 : idleMs;
        return Math.max(idleMs, Math.min(maxIdleMs, backedOff));
    }
}
