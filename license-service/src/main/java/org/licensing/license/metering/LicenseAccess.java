package org.licensing.license.metering;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.AccessTokens;
import org.licensing.common.auth.Roles;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.problem.ProblemException;

/**
 * Who may act on a license in the part-2 endpoints (metering, certificates, releases, webhooks):
 * the account id and role of an access token ({@code typ=access}; refresh and session tokens are
 * refused), and the ownership rules: an admin anything, a seller its own licenses, a customer the
 * licenses it owns (read and use, never manage).
 */
public record LicenseAccess(long accountId, String role) {

    public static LicenseAccess of(JsonWebToken jwt) {
        long accountId = AccessTokens.accountId(jwt);
        String role = AccessTokens.strongestRole(jwt.getGroups());
        return new LicenseAccess(accountId, role);
    }

    public boolean isAdmin() {
        return Roles.ADMIN.equals(role);
    }

    public boolean isSeller() {
        return Roles.SELLER.equals(role);
    }

    /** Admin, or the seller of the license. */
    public boolean canManage(LicenseSnapshot l) {
        return isAdmin() || (isSeller() && l.sellerId() == accountId);
    }

    /** Admin, the seller, or the customer owning the license. */
    public boolean canUse(LicenseSnapshot l) {
        return canManage(l) || (l.ownerAccountId() != null && l.ownerAccountId() == accountId);
    }

    /** 404 rather than 403 for someone else's license: ids are not an oracle. */
    public LicenseSnapshot requireUse(LicenseSnapshot l, long licenseId) {
        if (l == null || !canUse(l)) {
            throw ProblemException.notFound("LICENSE_NOT_FOUND", "No license " + licenseId);
        }
        return l;
    }

    public LicenseSnapshot requireManage(LicenseSnapshot l, long licenseId) {
        if (l == null || !canUse(l)) {
            throw ProblemException.notFound("LICENSE_NOT_FOUND", "No license " + licenseId);
        }
        if (!canManage(l)) {
            throw ProblemException.forbidden("Only the seller or an admin may do this");
        }
        return l;
    }
}
