package org.licensing.device.activation;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.problem.ProblemException;

class LicenseEligibilityTest {

    static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    static LicenseSnapshot license(String status, Instant expires) {
        return new LicenseSnapshot(1, 7, "APP", 2, 3L, status, "BASE", "BASIC", "LIFETIME", 3, null, expires, Map.of(),
                List.of(), List.of());
    }

    static String code(LicenseSnapshot l, Long productId, String productCode) {
        return assertThrows(ProblemException.class, () -> LicenseEligibility.check(l, NOW, productId, productCode)).code();
    }

    @Test
    void activeUnexpiredLicenseOfTheProductIsEligible() {
        assertDoesNotThrow(() -> LicenseEligibility.check(license("ACTIVE", null), NOW, null, null));
        assertDoesNotThrow(() -> LicenseEligibility.check(license("ACTIVE", NOW.plusSeconds(1)), NOW, 7L, "app"));
    }

    @Test
    void everyOtherStateHasItsCode() {
        assertEquals("LICENSE_EXPIRED", code(license("ACTIVE", NOW), null, null));
        assertEquals("LICENSE_EXPIRED", code(license("EXPIRED", null), null, null));
        assertEquals("LICENSE_SUSPENDED", code(license("SUSPENDED", null), null, null));
        assertEquals("LICENSE_REVOKED", code(license("REVOKED", null), null, null));
        assertEquals("LICENSE_UPGRADED", code(license("UPGRADED", null), null, null));
        assertEquals("LICENSE_NOT_ACTIVE", code(license("UNUSED", null), null, null));
        assertEquals("LICENSE_NOT_FOUND", code(null, null, null));
    }

    @Test
    void productMustMatchWhenGiven() {
        assertEquals("PRODUCT_MISMATCH", code(license("ACTIVE", null), 8L, null));
        assertEquals("PRODUCT_MISMATCH", code(license("ACTIVE", null), null, "OTHER"));
    }
}
