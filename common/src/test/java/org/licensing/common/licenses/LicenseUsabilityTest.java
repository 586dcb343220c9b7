package org.licensing.common.licenses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.licensing.common.licenses.LicenseUsability.Verdict;

class LicenseUsabilityTest {

    static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    static LicenseSnapshot license(String status, Instant expiresAt) {
        return new LicenseSnapshot(1, 2, "APP", 3, 4L, status, "BASE", "BASIC", "ANNUAL", 1, null, expiresAt, Map.of(),
                List.of(), List.of());
    }

    @Test
    void activeAndUnexpiredIsUsable() {
        assertEquals(Verdict.USABLE, LicenseUsability.at(license("ACTIVE", null), NOW));
        assertEquals(Verdict.USABLE, LicenseUsability.at(license("ACTIVE", NOW.plusSeconds(1)), NOW));
        assertTrue(license("ACTIVE", null).isUsableAt(NOW));
    }

    @Test
    void activePastItsExpiryHasLapsed() {
        assertEquals(Verdict.LAPSED, LicenseUsability.at(license("ACTIVE", NOW), NOW));
        assertEquals(Verdict.LAPSED, LicenseUsability.at(license("ACTIVE", NOW.minusSeconds(1)), NOW));
        assertFalse(license("ACTIVE", NOW).isUsableAt(NOW));
    }

    @Test
    void everyOtherStatusHasItsOwnVerdict() {
        assertEquals(Verdict.NOT_FOUND, LicenseUsability.at(null, NOW));
        assertEquals(Verdict.NOT_ACTIVATED, LicenseUsability.at(license("UNUSED", null), NOW));
        assertEquals(Verdict.SUSPENDED, LicenseUsability.at(license("SUSPENDED", NOW.plusSeconds(60)), NOW));
        assertEquals(Verdict.EXPIRED, LicenseUsability.at(license("EXPIRED", null), NOW));
        assertEquals(Verdict.REVOKED, LicenseUsability.at(license("REVOKED", null), NOW));
        assertEquals(Verdict.UPGRADED, LicenseUsability.at(license("UPGRADED", null), NOW));
        // the status is checked before the date: a suspended license past its expiry is SUSPENDED
        assertEquals(Verdict.SUSPENDED, LicenseUsability.at(license("SUSPENDED", NOW.minusSeconds(60)), NOW));
    }

    @Test
    void anUnknownOrMissingStatusIsNeverUsable() {
        assertEquals(Verdict.UNKNOWN_STATUS, LicenseUsability.at(license("ARCHIVED", null), NOW));
        assertEquals(Verdict.UNKNOWN_STATUS, LicenseUsability.at(license(null, null), NOW));
        assertEquals(Verdict.UNKNOWN_STATUS, LicenseUsability.at(license("active", null), NOW));
        assertNull(LicenseStatus.parse("active"));
    }

    @Test
    void onlyActiveIsAUsableStatus() {
        assertEquals(Set.of(LicenseStatus.ACTIVE), LicenseUsability.USABLE_STATUSES);
        for (LicenseStatus s : LicenseStatus.values()) {
            assertEquals(LicenseUsability.USABLE_STATUSES.contains(s),
                    LicenseUsability.at(license(s.name(), null), NOW).usable(), s.name());
        }
    }
}
