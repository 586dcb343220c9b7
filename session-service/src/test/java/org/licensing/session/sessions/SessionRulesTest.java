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
        ClosingEntry e = ClosingEntry.parse("5b0e|timeout|1700000000123|1700000000000|42|17");
        assertEquals("5b0e", e.sessionId());
        assertEquals("timeout", e.reason());
        assertEquals(1700000000123L, e.endedAtMillis());
        assertEquals(1700000000000L, e.lastHeartbeatMillis());
        assertEquals(42, e.usageSeconds());
        assertEquals(17, e.partition());
        assertEquals(17, ClosingEntry.partitionOf("5b0e|timeout|1700000000123|1700000000000|42|17"));
        assertNull(ClosingEntry.parse("a|signed_out|1||0|0").lastHeartbeatMillis());
        assertThrows(IllegalArgumentException.class, () -> ClosingEntry.parse("a|b"));
        assertThrows(IllegalArgumentException.class, () -> ClosingEntry.parse("a|signed_out|1||0|x"));
        assertEquals(-1, ClosingEntry.partitionOf("a|b"));
    }

    @Test
    void scriptKeyTemplatesAreTheSharedKeys() {
        // partitioned keys: (partition, id); license 300 is in partition 300 mod 256 = 44
        assertEquals(44, RedisKeys.sessionPartition(300));
        assertEquals("device:{s44}:42:online", RedisKeys.deviceOnline(300, 42));
        assertEquals(RedisKeys.deviceOnline(300, 42), String.format(SessionKeys.onlineTemplate(), 44, 42));
        assertEquals(RedisKeys.licenseStatus(9), String.format(SessionKeys.template(RedisKeys::licenseStatus), 9));
        assertEquals(RedisKeys.deviceLookup(9, "abc"), String.format(SessionKeys.lookupTemplate(), 9, "abc"));
        assertEquals(RedisKeys.licenseSnapshot(9), String.format(SessionKeys.template(RedisKeys::licenseSnapshot), 9));
        assertEquals(RedisKeys.session(300, "s1"), String.format(SessionKeys.sessionTemplate(), 44, "s1"));
        assertEquals("ratelimit:{s44}:42:heartbeat", String.format(SessionKeys.rateTemplate(), 44, 42));
        assertEquals(SessionKeys.heartbeatRate(300, 42), String.format(SessionKeys.rateTemplate(), 44, 42));
        assertEquals(SessionKeys.seats(300), String.format(SessionKeys.seatsTemplate(), 44, 300));
        assertEquals(SessionKeys.legacySession(300, 42), String.format(SessionKeys.legacyTemplate(), 44, 42));
        assertEquals(SessionKeys.leases(44), String.format(SessionKeys.leasesTemplate(), 44));
        assertEquals(SessionKeys.closing(44), String.format(SessionKeys.closingTemplate(), 44));
    }
}
