package org.licensing.device.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.auth.Caller;

class LicenseAccessTest {

    static final LicenseSnapshot L = new LicenseSnapshot(1, 7, "APP", 20, 30L, "ACTIVE", "BASE", "BASIC", "LIFETIME", 3, null,
            null, Map.of(), List.of(), List.of());

    @Test
    void ownersSellersAndAdmins() {
        assertTrue(LicenseAccess.canManage(new Caller(30, "CUSTOMER"), L));
        assertFalse(LicenseAccess.canManage(new Caller(31, "CUSTOMER"), L));
        assertTrue(LicenseAccess.canManage(new Caller(20, "SELLER"), L));
        assertFalse(LicenseAccess.canManage(new Caller(30, "SELLER"), L));
        assertTrue(LicenseAccess.canManage(new Caller(99, "ADMIN"), L));
        assertFalse(LicenseAccess.canManage(new Caller(30, null), L));
        // a customer whose id equals the seller's does not gain the seller's rights
        assertFalse(LicenseAccess.canManage(new Caller(20, "CUSTOMER"), L));
    }

    @Test
    void onlySellersAndAdminsBlock() {
        assertFalse(LicenseAccess.canBlock(new Caller(30, "CUSTOMER"), L));
        assertTrue(LicenseAccess.canBlock(new Caller(20, "SELLER"), L));
        assertFalse(LicenseAccess.canBlock(new Caller(21, "SELLER"), L));
        assertTrue(LicenseAccess.canBlock(new Caller(1, "ADMIN"), L));
    }

    @Test
    void onlyCustomersAreLimited() {
        assertTrue(LicenseAccess.resetIsLimited(new Caller(1, "CUSTOMER")));
        assertFalse(LicenseAccess.resetIsLimited(new Caller(1, "SELLER")));
        assertFalse(LicenseAccess.resetIsLimited(new Caller(1, "ADMIN")));
    }
}
