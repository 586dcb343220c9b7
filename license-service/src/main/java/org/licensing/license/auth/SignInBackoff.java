package org.licensing.license.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a sign-in budget stays locked once used up: {@code base} the first time, doubling with
 * every further lock of the same budget while its strikes are remembered, never more than
 * {@code max}. Pure; the Redis script takes the resulting table (one entry per strike, the last one
 * repeating), so the rule lives here only.
 */
public record SignInBackoff(Duration base, Duration max) {

    /** Strikes beyond the table reuse its last entry (by then the lock is at {@code max}). */
    static final int MAX_STRIKES = 16;

    public SignInBackoff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("sign-in lock: base must be positive and max at least base");
        }
    }

    /** The lock after the {@code strike}-th exhaustion (1-based). */
    public Duration lockFor(int strike) {
        Duration d = base;
        for (int i = 1; i < Math.min(strike, MAX_STRIKES) && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** Lock durations in milliseconds for strikes 1, 2, ... up to the first that reaches {@code max}. */
    public List<String> tableMillis() {
        List<String> t = new ArrayList<>();
        for (int s = 1; s <= MAX_STRIKES; s++) {
            Duration d = lockFor(s);
            t.add(Long.toString(d.toMillis()));
            if (d.equals(max)) {
                break;
            }
        }
        return t;
    }
}
