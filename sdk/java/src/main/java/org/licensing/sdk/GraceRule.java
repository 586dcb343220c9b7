package org.licensing.sdk;

import java.time.Duration;
import java.time.Instant;

/**
 * When the last good validation stands in for a platform that cannot be reached (the same rule in
 * sdk/js): it was valid, it is younger than the grace period, the license it saw has not expired
 * since, and the clock has not been set back (not earlier than that validation, nor than the
 * last-seen time, by more than the tolerance).
 */
public final class GraceRule {

    private GraceRule() {}

    /** The validation to answer on grace, or null when grace does not apply. */
    public static Validation stand(Validation lastGood, Instant now, Duration period, Instant lastSeen, Duration tolerance) {
        if (lastGood == null || !lastGood.valid() || lastGood.checkedAt() == null) {
            return null;
        }
        if (now.isBefore(lastGood.checkedAt().minus(tolerance))) {
            return null; // the clock went back before the validation it would lean on
        }
        if (lastSeen != null && now.isBefore(lastSeen.minus(tolerance))) {
            return null;
        }
        Instant until = lastGood.checkedAt().plus(period);
        if (lastGood.expiresAt() != null && lastGood.expiresAt().isBefore(until)) {
            until = lastGood.expiresAt();
        }
        if (!now.isBefore(until)) {
            return null;
        }
        return lastGood.onGrace(until);
    }
}
