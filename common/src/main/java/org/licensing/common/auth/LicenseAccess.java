package org.licensing.common.auth;

import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.problem.ProblemCodes;

/**
 * Who may touch a license, the one rule of every service. <b>Use</b> (see it, its devices,
 * sessions, usage, certificates, statistics): an admin any license, a seller the licenses it
 * sells, a customer the licenses it owns, a client session its own license and the other licenses
 * of the same owner. <b>Manage</b> (suspend, change, block devices): an admin, or the seller.
 * A role is never stretched by a matching id: a customer whose id equals the seller's is not the
 * seller. Someone else's license answers 404, not 403: ids are not an oracle.
 */
public final class LicenseAccess {


    private LicenseAccess() {}

    public static boolean mayUse(Caller c, long licenseId, long sellerId, Long ownerAccountId) {
        if (c == null || c.role() == null) {
            return false;
        }
        boolean owns = ownerAccountId != null && ownerAccountId == c.accountId();
        return switch (c.role()) {
            case Roles.ADMIN -> true;
            case Roles.SELLER -> sellerId == c.accountId();
            case Roles.CUSTOMER -> owns;
            case Roles.CLIENT -> owns || c.licenseId() != null && c.licenseId() == licenseId;
            default -> false;
        };
    }

    public static boolean mayUse(Caller c, LicenseSnapshot l) {
        return l != null && mayUse(c, l.id(), l.sellerId(), l.ownerAccountId());
    }

    public static boolean mayManage(Caller c, long sellerId) {
        return c != null && (c.isAdmin() || c.isSeller() && sellerId == c.accountId());
    }

    public static boolean mayManage(Caller c, LicenseSnapshot l) {
        return l != null && mayManage(c, l.sellerId());
    }

    /** The license if the caller may use it, otherwise a 404 problem. */
    public static LicenseSnapshot requireUse(Caller c, LicenseSnapshot l, long licenseId) {
        if (!mayUse(c, l)) {
            throw ProblemException.notFound(ProblemCodes.LICENSE_NOT_FOUND, "No license " + licenseId);
        }
        return l;
    }

    /** 404 for a license the caller may not even use; 403 for one it uses but may not manage (its owner). */
    public static LicenseSnapshot requireManage(Caller c, LicenseSnapshot l, long licenseId) {
        requireUse(c, l, licenseId);
        if (!mayManage(c, l)) {
            throw ProblemException.forbidden("Only the seller or an admin may do this");
        }
        return l;
    }
}
