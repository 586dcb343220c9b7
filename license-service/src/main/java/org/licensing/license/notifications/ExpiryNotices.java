package org.licensing.license.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which expiry notice a license is due (pure). Warnings go out 30, 7 and 1 days before
 * {@code expires_at} (configurable); a license that enters the window late gets only the most
 * urgent one due, never a burst of all of them. Auto-renewing licenses get one renewal reminder
 * instead. Each notice is sent once per license and expiry date (the caller records it).
 */
public final class ExpiryNotices {

    public static final String RENEWAL_REMINDER = "RENEWAL_REMINDER";

    private ExpiryNotices() {}

    public static String expiryKind(int days) {
        return "EXPIRY_" + days + "D";
    }

    /** The notice due now, if any. {@code warningDays} in any order. */
    public static Optional<String> due(Instant expiresAt, boolean autoRenew, Instant now, List<Integer> warningDays,
            int renewalReminderDays) {
        if (expiresAt == null || !expiresAt.isAfter(now)) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, expiresAt);
        if (autoRenew) {
            return left.compareTo(Duration.ofDays(renewalReminderDays)) <= 0 ? Optional.of(RENEWAL_REMINDER) : Optional.empty();
        }
        return warningDays.stream().sorted()
                .filter(d -> left.compareTo(Duration.ofDays(d)) <= 0)
                .findFirst().map(ExpiryNotices::expiryKind);
    }

    /** Whole days left, rounded up (a license expiring in 6 days and 3 hours has 7 days left). */
    public static long daysLeft(Instant expiresAt, Instant now) {
        long seconds = Duration.between(now, expiresAt).getSeconds();
        return Math.max(0, (seconds + 86_399) / 86_400);
    }

    /** The widest window the job must look at. */
    public static int horizonDays(List<Integer> warningDays, int renewalReminderDays) {
        return Math.max(renewalReminderDays, warningDays.stream().mapToInt(Integer::intValue).max().orElse(0));
    }
}
