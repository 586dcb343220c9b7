package org.licensing.sdk.internal;

import java.time.Duration;

/**
 * The wait before retrying a heartbeat (the same rule in sdk/js). Without {@code Retry-After}:
 * attempt n waits {@code min(cap, base * 2^(n-1))} times a factor in [0.5, 1.0) ("equal jitter",
 * so clients cut off together do not come back together). With {@code Retry-After} r: r plus up
 * to 10 % of r, never less than the server asked.
 */
public final class Backoff {

    public static final Duration BASE = Duration.ofSeconds(1);

    private Backoff() {}

    /**
     * @param attempt    1 for the first retry
     * @param retryAfter the server's delay, or null
     * @param cap        the longest wait without Retry-After (the heartbeat interval)
     * @param random     a number in [0, 1)
     */
    public static Duration delay(int attempt, Duration retryAfter, Duration cap, double random) {
        if (random < 0 || random >= 1) {
            throw new IllegalArgumentException("random must be in [0, 1)");
        }
        if (retryAfter != null) {
            long ms = retryAfter.toMillis();
            return Duration.ofMillis(ms + (long) (ms * 0.1 * random));
        }
        int n = Math.max(1, Math.min(attempt, 31));
        long exp = BASE.toMillis() << (n - 1);
        long capped = Math.min(Math.max(cap.toMillis(), BASE.toMillis()), exp);
        return Duration.ofMillis((long) (capped * (0.5 + 0.5 * random)));
    }
}
