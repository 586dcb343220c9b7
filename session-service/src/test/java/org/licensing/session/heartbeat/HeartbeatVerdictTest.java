package org.licensing.session.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;
import org.licensing.session.sessions.SessionProblems;

class HeartbeatVerdictTest {

    @Test
    void endReasonsMapToTheThreeStatuses() {
        assertEquals("blocked", HeartbeatVerdict.statusOf("blocked"));
        assertEquals("blocked", HeartbeatVerdict.statusOf("account_suspended"));
        assertEquals("blocked", HeartbeatVerdict.statusOf("license_suspended"));
        assertEquals("revoked", HeartbeatVerdict.statusOf("revoked"));
        assertEquals("revoked", HeartbeatVerdict.statusOf("license_revoked"));
        assertEquals("expired", HeartbeatVerdict.statusOf("timeout"));
        assertEquals("expired", HeartbeatVerdict.statusOf("license_expired"));
        assertEquals("expired", HeartbeatVerdict.statusOf("signed_out"));
        assertEquals("expired", HeartbeatVerdict.statusOf("license_upgraded"));
    }

    @Test
    void reasonsAreDescribedWithTheStoredDetail() {
        assertEquals("The device is blocked: chargeback", HeartbeatVerdict.describe("blocked", "chargeback"));
        assertEquals("The device is blocked", HeartbeatVerdict.describe("blocked", "1"));
        assertEquals("The license is unused", HeartbeatVerdict.describe("license_unused", null));
    }

    @Test
    void legacyAnswersOnlySuccessErrorOrBlocked() {
        assertEquals("blocked", HeartbeatVerdict.legacyStatusOf("blocked"));
        assertEquals("blocked", HeartbeatVerdict.legacyStatusOf("license_revoked"));
        assertEquals("blocked", HeartbeatVerdict.legacyStatusOf("license_expired"));
        assertEquals("error", HeartbeatVerdict.legacyStatusOf("license_upgraded"));
        assertTrue(HeartbeatVerdict.legacyReopens("timeout"));
        assertFalse(HeartbeatVerdict.legacyReopens("blocked"));
        assertEquals("error", HeartbeatService.legacyRefusal(new ProblemException(409, SessionProblems.TOO_MANY_SESSIONS, "x")).status());
        assertEquals("blocked", HeartbeatService.legacyRefusal(new ProblemException(403, SessionProblems.DEVICE_BLOCKED, "x")).status());
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertEquals(1, HeartbeatVerdict.retryAfterSeconds(0));
        assertEquals(1, HeartbeatVerdict.retryAfterSeconds(1000));
        assertEquals(2, HeartbeatVerdict.retryAfterSeconds(1001));
    }
}
