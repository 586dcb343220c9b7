package org.licensing.device.resets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class HwidResetPolicyTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final HwidResetPolicy policy = new HwidResetPolicy(3, Duration.ofDays(30), Duration.ofHours(24));

    @Test
    void firstResetStartsAPeriod() {
        var v = assertInstanceOf(HwidResetPolicy.Allowed.class, policy.decide(HwidResetPolicy.State.NEVER, T0));
        assertEquals(new HwidResetPolicy.State(1, T0, T0), v.after());
        assertEquals(2, v.remaining());
        assertEquals(T0.plus(Duration.ofDays(30)), v.periodEndsAt());
    }

    @Test
    void cooldownRefusesUntilItEnds() {
        var state = new HwidResetPolicy.State(1, T0, T0);
        var r = assertInstanceOf(HwidResetPolicy.Refused.class, policy.decide(state, T0.plus(Duration.ofHours(23))));
        assertEquals(HwidResetPolicy.Reason.COOLDOWN, r.reason());
        assertEquals(T0.plus(Duration.ofHours(24)), r.nextAllowedAt());
        assertEquals(3600, r.retryAfterSeconds(T0.plus(Duration.ofHours(23))));
        assertInstanceOf(HwidResetPolicy.Allowed.class, policy.decide(state, T0.plus(Duration.ofHours(24))));
    }

    @Test
    void countLimitRefusesUntilThePeriodEnds() {
        Instant last = T0.plus(Duration.ofDays(5));
        var state = new HwidResetPolicy.State(3, T0, last);
        var r = assertInstanceOf(HwidResetPolicy.Refused.class, policy.decide(state, T0.plus(Duration.ofDays(10))));
        assertEquals(HwidResetPolicy.Reason.LIMIT, r.reason());
        assertEquals(T0.plus(Duration.ofDays(30)), r.nextAllowedAt());
    }

    @Test
    void whenBothApplyTheLaterTimeIsGiven() {
        Instant last = T0.plus(Duration.ofDays(29)).plus(Duration.ofHours(12));
        var state = new HwidResetPolicy.State(3, T0, last);
        var r = assertInstanceOf(HwidResetPolicy.Refused.class, policy.decide(state, last.plus(Duration.ofHours(1))));
        assertEquals(HwidResetPolicy.Reason.LIMIT, r.reason());
        assertEquals(last.plus(Duration.ofHours(24)), r.nextAllowedAt());
    }

    @Test
    void aNewPeriodResetsTheCount() {
        var state = new HwidResetPolicy.State(3, T0, T0.plus(Duration.ofDays(2)));
        Instant now = T0.plus(Duration.ofDays(31));
        var v = assertInstanceOf(HwidResetPolicy.Allowed.class, policy.decide(state, now));
        assertEquals(new HwidResetPolicy.State(1, now, now), v.after());
    }

    @Test
    void zeroAllowanceAlwaysRefusesAndBadSettingsAreRejected() {
        var none = new HwidResetPolicy(0, Duration.ofDays(1), Duration.ZERO);
        assertInstanceOf(HwidResetPolicy.Refused.class, none.decide(HwidResetPolicy.State.NEVER, T0));
        assertThrows(IllegalArgumentException.class, () -> new HwidResetPolicy(1, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new HwidResetPolicy(-1, Duration.ofDays(1), Duration.ZERO));
    }
}
