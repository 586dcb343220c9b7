package org.licensing.common.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.licenses.LicenseSnapshot;

class CallerTest {

    // license 7, seller 2, owner 3
    static final LicenseSnapshot LICENSE = new LicenseSnapshot(7, 1, "API", 2, 3L, "ACTIVE", "BASE", "BASIC", "LIFETIME", 1,
            null, null, Map.of(), List.of(), List.of());

    @Test
    void whoMayUseALicense() {
        assertTrue(new Caller(99, "ADMIN", null, null).mayUse(LICENSE));
        assertTrue(new Caller(2, "SELLER", null, null).mayUse(LICENSE));
        assertFalse(new Caller(3, "SELLER", null, null).mayUse(LICENSE));
        assertTrue(new Caller(3, "CUSTOMER", null, null).mayUse(LICENSE));
        assertFalse(new Caller(2, "CUSTOMER", null, null).mayUse(LICENSE));
        assertTrue(new Caller(0, "CLIENT", 7L, 1L).mayUse(LICENSE));
        assertTrue(new Caller(3, "CLIENT", 8L, 1L).mayUse(LICENSE), "same owner, other license");
        assertFalse(new Caller(4, "CLIENT", 8L, 1L).mayUse(LICENSE));
        assertFalse(new Caller(99, "ADMIN", null, null).mayUse(null));
    }
}
