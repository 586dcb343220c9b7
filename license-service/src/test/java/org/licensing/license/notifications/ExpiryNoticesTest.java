package org.licensing.license.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ExpiryNoticesTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final List<Integer> DAYS = List.of(30, 7, 1);

    static Optional<String> due(Duration left, boolean autoRenew) {
        return ExpiryNotices.due(NOW.plus(left), autoRenew, NOW, DAYS, 7);
    }

    @Test
    void mostUrgentDueNoticeOnly() {
        assertEquals(Optional.empty(), due(Duration.ofDays(31), false));
        assertEquals(Optional.of("EXPIRY_30D"), due(Duration.ofDays(30), false));
        assertEquals(Optional.of("EXPIRY_30D"), due(Duration.ofDays(8), false));
        assertEquals(Optional.of("EXPIRY_7D"), due(Duration.ofDays(7), false));
        assertEquals(Optional.of("EXPIRY_7D"), due(Duration.ofDays(2), false));
        assertEquals(Optional.of("EXPIRY_1D"), due(Duration.ofHours(23), false));
        assertEquals(Optional.empty(), due(Duration.ZERO, false));
        assertEquals(Optional.empty(), due(Duration.ofDays(-1), false));
    }

    @Test
    void autoRenewGetsARenewalReminderInstead() {
        assertEquals(Optional.empty(), due(Duration.ofDays(20), true));
        assertEquals(Optional.of("RENEWAL_REMINDER"), due(Duration.ofDays(6), true));
        assertEquals(Optional.empty(), ExpiryNotices.due(null, false, NOW, DAYS, 7));
    }

    @Test
    void daysLeftRoundUp() {
        assertEquals(7, ExpiryNotices.daysLeft(NOW.plus(Duration.ofDays(6).plusHours(3)), NOW));
        assertEquals(1, ExpiryNotices.daysLeft(NOW.plusSeconds(60), NOW));
        assertEquals(30, ExpiryNotices.horizonDays(DAYS, 7));
    }
}
