package org.licensing.device.access;

import org.licensing.common.auth.Caller;
import org.licensing.common.licenses.LicenseSnapshot;

/**
 * Who may act on a license's devices. Admins: every license. Sellers: licenses they issued.
 * Customers: licenses they own. Blocking is for sellers and admins only.
 */
public final class LicenseAccess {

    private LicenseAccess() {}

    public static boolean canManage(Caller caller, LicenseSnapshot license) {
        if (caller == null || license == null) {
            return false;
        }
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.isSeller()) {
            return license.sellerId() == caller.accountId();
        }
        if (caller.isCustomer()) {
            return license.ownerAccountId() != null && license.ownerAccountId() == caller.accountId();
        }
        return false;
    }

    public static boolean canBlock(Caller caller, LicenseSnapshot license) {
        return caller != null && license != null
                && (caller.isAdmin() || (caller.isSeller() && license.sellerId() == caller.accountId()));
    }

    /** Customers' self-service resets count against the HWID reset policy; sellers and admins are unlimited. */
    public static boolean resetIsLimited(Caller caller) {
        return caller.isCustomer();
    }
}
