package org.licensing.device.resets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;

class HwidResetAllowanceTest {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    final HwidResetPolicy policy = new HwidResetPolicy(3, Duration.ofDays(30), Duration.ofHours(24));

    @Test
    void standingOfAFreshAccount() {
        var s = HwidResetAllowance.standing(policy, HwidResetPolicy.State.NEVER, T0, 0);
        assertEquals(3, s.resetsRemaining());
        assertEquals(0, s.resetsUsed());
        assertNull(s.nextResetAt());
        assertNull(s.periodEndsAt());
    }

    @Test
    void standingDuringCooldownAndAfterThePeriod() {
        var state = new HwidResetPolicy.State(2, T0, T0.plus(Duration.ofDays(1)));
        var s = HwidResetAllowance.standing(policy, state, T0.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)), 7);
        assertEquals(2, s.resetsUsed());
        assertEquals(1, s.resetsRemaining());
        assertEquals(T0.plus(Duration.ofDays(2)), s.nextResetAt());
        assertEquals(T0.plus(Duration.ofDays(30)), s.periodEndsAt());
        assertEquals(7, s.totalResets());
        var later = HwidResetAllowance.standing(policy, state, T0.plus(Duration.ofDays(40)), 7);
        assertEquals(3, later.resetsRemaining());
        assertNull(later.nextResetAt());
    }

    @Test
    void refusalCarriesRetryAfterAndNextTime() {
        Instant next = T0.plus(Duration.ofMinutes(90));
        ProblemException p = HwidResetAllowance.refusal(new HwidResetPolicy.Refused(HwidResetPolicy.Reason.COOLDOWN, next), T0);
        assertEquals(429, p.status());
        assertEquals("HWID_RESET_COOLDOWN", p.code());
        assertEquals("5400", p.headers().get("Retry-After"));
        assertEquals(next.toString(), p.extensions().get("next_reset_at"));
        assertEquals("HWID_RESET_LIMIT_REACHED",
                HwidResetAllowance.refusal(new HwidResetPolicy.Refused(HwidResetPolicy.Reason.LIMIT, next), T0).code());
    }
}
