package org.licensing.license.webhooks;

import java.time.Duration;

/** Exponential backoff of failed deliveries: base, 2x base, 4x base, ... capped at one day. */
public final class WebhookBackoff {

    static final Duration CAP = Duration.ofDays(1);

    private WebhookBackoff() {}

    /** Delay before the next attempt after {@code attemptsMade} failed attempts (at least 1). */
    public static Duration after(int attemptsMade, Duration base) {
        int exp = Math.max(0, Math.min(attemptsMade - 1, 30));
        Duration d = base.multipliedBy(1L << exp);
        return d.compareTo(CAP) > 0 || d.isNegative() ? CAP : d;
    }

    /** Whether a delivery with this many attempts is given up. */
    public static boolean exhausted(int attemptsMade, int maxAttempts) {
        return attemptsMade >= maxAttempts;
    }
}
