package org.licensing.device.resets;

import java.time.Duration;
import java.time.Instant;

/**
 * Requirement 003's self-service HWID resets: at most {@code maxPerPeriod} per period (the period
 * starts with the first reset after the previous period ended) and at least {@code cooldown}
 * between two resets. Pure: the caller supplies the account's counters and the time.
 */
public final class HwidResetPolicy {

    /** The account's counters as stored; null times mean "never". */
    public record State(int count, Instant periodStartedAt, Instant lastResetAt) {
        public static final State NEVER = new State(0, null, null);
    }

    public sealed interface Verdict permits Allowed, Refused {}

    /** Allowed: store {@code after}; {@code remaining} resets are left in this period. */
    public record Allowed(State after, int remaining, Instant periodEndsAt) implements Verdict {}

    public enum Reason { COOLDOWN, LIMIT }

    /** Refused until {@code nextAllowedAt} (the later of the applicable constraints). */
    public record Refused(Reason reason, Instant nextAllowedAt) implements Verdict {
        public long retryAfterSeconds(Instant now) {
            return Math.max(1, (Duration.between(now, nextAllowedAt).toMillis() + 999) / 1000);
        }
    }

    private final int maxPerPeriod;
    private final Duration period;
    private final Duration cooldown;

    public HwidResetPolicy(int maxPerPeriod, Duration period, Duration cooldown) {
        if (maxPerPeriod < 0 || period.isNegative() || period.isZero() || cooldown.isNegative()) {
            throw new IllegalArgumentException("HWID reset policy needs max >= 0, period > 0, cooldown >= 0");
        }
        this.maxPerPeriod = maxPerPeriod;
        this.period = period;
        this.cooldown = cooldown;
    }

    public Verdict decide(State state, Instant now) {
        State s = state == null ? State.NEVER : state;
        boolean periodOver = s.periodStartedAt() == null || !now.isBefore(s.periodStartedAt().plus(period));
        int count = periodOver ? 0 : s.count();
        Instant periodStart = periodOver ? now : s.periodStartedAt();
        Instant periodEnd = periodStart.plus(period);

        Instant cooldownEnd = s.lastResetAt() == null ? null : s.lastResetAt().plus(cooldown);
        boolean cooling = cooldownEnd != null && now.isBefore(cooldownEnd);
        boolean exhausted = count >= maxPerPeriod;
        if (exhausted || cooling) {
            Instant next = exhausted ? periodEnd : cooldownEnd;
            if (exhausted && cooling && cooldownEnd.isAfter(next)) {
                next = cooldownEnd;
            }
            return new Refused(exhausted ? Reason.LIMIT : Reason.COOLDOWN, next);
        }
        return new Allowed(new State(count + 1, periodStart, now), maxPerPeriod - count - 1, periodEnd);
    }

    public int maxPerPeriod() {
        return maxPerPeriod;
    }

    public Duration period() {
        return period;
    }
}
