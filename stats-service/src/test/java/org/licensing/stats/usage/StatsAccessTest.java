package org.licensing.stats.usage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.Caller;
import org.licensing.stats.access.StatsAccess;
import org.licensing.stats.access.StatsAccess.LicenseOwnership;

class StatsAccessTest {

    private final LicenseOwnership license = new LicenseOwnership(1, 10, 11, 20L);

    @Test
    void licenseReaders() {
        assertTrue(StatsAccess.canReadLicense(new Caller(99, Roles.ADMIN), license));
        assertTrue(StatsAccess.canReadLicense(new Caller(10, Roles.SELLER), license));
        assertTrue(StatsAccess.canReadLicense(new Caller(11, Roles.SELLER), license));
        assertFalse(StatsAccess.canReadLicense(new Caller(12, Roles.SELLER), license));
        assertTrue(StatsAccess.canReadLicense(new Caller(20, Roles.CUSTOMER), license));
        assertFalse(StatsAccess.canReadLicense(new Caller(21, Roles.CUSTOMER), license));
        assertFalse(StatsAccess.canReadLicense(new Caller(10, Roles.CUSTOMER), license));
        assertFalse(StatsAccess.canReadLicense(new Caller(20, Roles.CUSTOMER), new LicenseOwnership(2, 10, 10, null)));
    }

    @Test
    void accountReaders() {
        assertTrue(StatsAccess.canReadAccount(new Caller(1, Roles.ADMIN), 5, false));
        assertTrue(StatsAccess.canReadAccount(new Caller(5, Roles.CUSTOMER), 5, false));
        assertFalse(StatsAccess.canReadAccount(new Caller(6, Roles.CUSTOMER), 5, true));
        assertTrue(StatsAccess.canReadAccount(new Caller(7, Roles.SELLER), 5, true));
        assertFalse(StatsAccess.canReadAccount(new Caller(7, Roles.SELLER), 5, false));
        assertFalse(StatsAccess.canReadGlobal(new Caller(7, Roles.SELLER)));
    }
}
