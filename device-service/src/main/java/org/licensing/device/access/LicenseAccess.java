package org.licensing.device.access;

import org.licensing.common.auth.Caller;
import org.licensing.common.licenses.LicenseSnapshot;

/**
 * device-service's names for the common license access rule ({@code common/auth/LicenseAccess}):
 * a license's devices are managed by whoever may use the license (admins, its seller, its owner);
 * blocking is management proper (sellers and admins only).
 */
public final class LicenseAccess {

    private LicenseAccess() {}

    public static boolean canManage(Caller caller, LicenseSnapshot license) {
        return org.licensing.common.auth.LicenseAccess.mayUse(caller, license);
    }

    public static boolean canBlock(Caller caller, LicenseSnapshot license) {
        return org.licensing.common.auth.LicenseAccess.mayManage(caller, license);
    }

    /** Customers' self-service resets count against the HWID reset policy; sellers and admins are unlimited. */
    public static boolean resetIsLimited(Caller caller) {
        return caller.isCustomer();
    }
}
