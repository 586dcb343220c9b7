package org.licensing.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.problem.ProblemException;

class LicenseAccessTest {

    // license 7, seller 2, owner 3
    static final LicenseSnapshot L = new LicenseSnapshot(7, 1, "API", 2, 3L, "ACTIVE", "BASE", "BASIC", "LIFETIME", 1,
            null, null, Map.of(), List.of(), List.of());
    static final LicenseSnapshot UNOWNED = new LicenseSnapshot(8, 1, "API", 2, null, "UNUSED", "BASE", "BASIC", "LIFETIME", 1,
            null, null, Map.of(), List.of(), List.of());

    @Test
    void useIsForAdminsTheSellerTheOwnerAndItsSessions() {
        assertTrue(LicenseAccess.mayUse(new Caller(99, Roles.ADMIN), L));
        assertTrue(LicenseAccess.mayUse(new Caller(2, Roles.SELLER), L));
        assertFalse(LicenseAccess.mayUse(new Caller(3, Roles.SELLER), L));
        assertTrue(LicenseAccess.mayUse(new Caller(3, Roles.CUSTOMER), L));
        assertFalse(LicenseAccess.mayUse(new Caller(2, Roles.CUSTOMER), L), "a customer with the seller's id is not the seller");
        assertFalse(LicenseAccess.mayUse(new Caller(3, null), L), "no role, no access, even with the owner's id");
        assertFalse(LicenseAccess.mayUse(new Caller(3, "AUDITOR"), L));
        assertTrue(LicenseAccess.mayUse(new Caller(0, Roles.CLIENT, 7L, 1L), L));
        assertTrue(LicenseAccess.mayUse(new Caller(3, Roles.CLIENT, 8L, 1L), L));
        assertFalse(LicenseAccess.mayUse(new Caller(4, Roles.CLIENT, 8L, 1L), L));
        assertFalse(LicenseAccess.mayUse(new Caller(3, Roles.CUSTOMER), UNOWNED));
        assertFalse(LicenseAccess.mayUse(new Caller(99, Roles.ADMIN), null));
        assertFalse(LicenseAccess.mayUse(null, L));
    }

    @Test
    void manageIsForAdminsAndTheSeller() {
        assertTrue(LicenseAccess.mayManage(new Caller(99, Roles.ADMIN), L));
        assertTrue(LicenseAccess.mayManage(new Caller(2, Roles.SELLER), L));
        assertFalse(LicenseAccess.mayManage(new Caller(5, Roles.SELLER), L));
        assertFalse(LicenseAccess.mayManage(new Caller(3, Roles.CUSTOMER), L), "owners use, never manage");
        assertFalse(LicenseAccess.mayManage(new Caller(2, Roles.CUSTOMER), L));
        assertFalse(LicenseAccess.mayManage(new Caller(0, Roles.CLIENT, 7L, 1L), L));
        assertFalse(LicenseAccess.mayManage(null, 2));
    }

    @Test
    void othersLicensesAnswerNotFoundAndOwnersForbidden() {
        assertSame(L, LicenseAccess.requireUse(new Caller(3, Roles.CUSTOMER), L, 7));
        ProblemException hidden = assertThrows(ProblemException.class, () -> LicenseAccess.requireUse(new Caller(4, Roles.CUSTOMER), L, 7));
        assertEquals(404, hidden.status());
        assertEquals("LICENSE_NOT_FOUND", hidden.code());
        assertEquals(404, assertThrows(ProblemException.class, () -> LicenseAccess.requireManage(new Caller(5, Roles.SELLER), L, 7)).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> LicenseAccess.requireUse(new Caller(5, Roles.SELLER), null, 7)).status());
        assertEquals(403, assertThrows(ProblemException.class, () -> LicenseAccess.requireManage(new Caller(3, Roles.CUSTOMER), L, 7)).status());
        assertSame(L, LicenseAccess.requireManage(new Caller(2, Roles.SELLER), L, 7));
    }
}
