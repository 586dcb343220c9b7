package org.licensing.license.licenses;

import java.time.Duration;
import java.time.Instant;

/**
 * Time-based terms (requirement 004): when a license expires, computed at activation so that a
 * key sold today and redeemed next month still gets its whole term.
 */
public final class Terms {

    public enum Term { LIFETIME, ANNUAL, MONTHLY, TRIAL, ONE_TIME }

    public static final int ANNUAL_DAYS = 365;
    public static final int MONTHLY_DAYS = 30;
    public static final int TRIAL_DAYS = 14;

    private Terms() {}

    /**
     * Days a term lasts: the explicit {@code durationDays} when given, else the term's default;
     * null for terms that never end (LIFETIME, and ONE_TIME without a duration).
     */
    public static Integer effectiveDays(Term term, Integer durationDays) {
        if (durationDays != null) {
            return durationDays;
        }
        return switch (term) {
            case ANNUAL -> ANNUAL_DAYS;
            case MONTHLY -> MONTHLY_DAYS;
            case TRIAL -> TRIAL_DAYS;
            case LIFETIME, ONE_TIME -> null;
        };
    }

    /**
     * Expiry at activation. A fixed expiry set at issue (not null) wins; LIFETIME never expires
     * unless the seller set a duration.
     */
    public static Instant expiryAtActivation(Term term, Integer durationDays, Instant fixedExpiry, Instant activatedAt) {
        if (fixedExpiry != null) {
            return fixedExpiry;
        }
        if (term == Term.LIFETIME && durationDays == null) {
            return null;
        }
        Integer days = effectiveDays(term, durationDays);
        return days == null ? null : activatedAt.plus(Duration.ofDays(days));
    }

    /** Extending adds to the current expiry, or to now when it already passed; a license without expiry stays so. */
    public static Instant extend(Instant currentExpiry, int days, Instant now) {
        if (currentExpiry == null) {
            return null;
        }
        Instant base = currentExpiry.isAfter(now) ? currentExpiry : now;
        return base.plus(Duration.ofDays(days));
    }
}
