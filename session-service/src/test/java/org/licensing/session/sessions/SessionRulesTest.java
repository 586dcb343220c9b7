package org.licensing.session.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.redis.RedisKeys;

class SessionRulesTest {

    static LicenseSnapshot license(String status, Instant expires) {
        return new LicenseSnapshot(7, 1, "API", 2, 3L, status, "BASE", "BASIC", "LIFETIME", 1, null, expires, Map.of(),
                List.of(), List.of());
    }

    @Test
    void onlyAnActiveUnexpiredLicenseHoldsSessions() {
        Instant now = Instant.now();
        SessionProblems.requireUsable(license("ACTIVE", null), now);
        SessionProblems.requireUsable(license("ACTIVE", now.plusSeconds(60)), now);
        assertEquals(SessionProblems.LICENSE_EXPIRED, code(license("ACTIVE", now.minusSeconds(1)), now));
        assertEquals(SessionProblems.LICENSE_EXPIRED, code(license("EXPIRED", null), now));
        assertEquals(SessionProblems.LICENSE_SUSPENDED, code(license("SUSPENDED", null), now));
        assertEquals(SessionProblems.LICENSE_REVOKED, code(license("REVOKED", null), now));
        assertEquals(SessionProblems.LICENSE_NOT_ACTIVE, code(license("UNUSED", null), now));
        assertEquals(SessionProblems.LICENSE_NOT_ACTIVE, code(license("UPGRADED", null), now));
        assertEquals(SessionProblems.LICENSE_NOT_FOUND, code(null, now));
    }

    private static String code(LicenseSnapshot l, Instant now) {
        return assertThrows(ProblemException.class, () -> SessionProblems.requireUsable(l, now)).code();
    }

    @Test
    void closingEntriesRoundTrip() {
        ClosingEntry e = ClosingEntry.parse("5b0e|timeout|1700000000123|1700000000000|42");
        assertEquals("5b0e", e.sessionId());
        assertEquals("timeout", e.reason());
        assertEquals(1700000000123L, e.endedAtMillis());
        assertEquals(1700000000000L, e.lastHeartbeatMillis());
        assertEquals(42, e.usageSeconds());
        assertNull(ClosingEntry.parse("a|signed_out|1||0").lastHeartbeatMillis());
        assertThrows(IllegalArgumentException.class, () -> ClosingEntry.parse("a|b"));
    }

    @Test
    void scriptKeyTemplatesAreTheSharedKeys() {
        assertEquals(RedisKeys.deviceOnline(42), String.format(SessionKeys.template(RedisKeys::deviceOnline), 42));
        assertEquals(RedisKeys.licenseStatus(9), String.format(SessionKeys.template(RedisKeys::licenseStatus), 9));
        assertEquals(RedisKeys.deviceLookup(9, "abc"), String.format(SessionKeys.lookupTemplate(), 9, "abc"));
        assertEquals(RedisKeys.session("s1"), String.format(SessionKeys.sessionTemplate(), "s1"));
        assertEquals("ratelimit:{42}:heartbeat", String.format(SessionKeys.template(SessionKeys::heartbeatRate), 42));
    }
}
