package org.licensing.license.metering;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;

/**
 * Who may act on a license in the part-2 endpoints (metering, certificates, releases, webhooks):
 * the account id and role of an access token ({@code typ=access}; refresh and session tokens are
 * refused), and the ownership rules: an admin anything, a seller its own licenses, a customer the
 * licenses it owns (read and use, never manage).
 */
public record LicenseAccess(long accountId, String role) {

    public static LicenseAccess of(JsonWebToken jwt) {
        if (jwt == null || jwt.getSubject() == null) {
            throw new ProblemException(401, ProblemCodes.UNAUTHORIZED, "Sign in first");
        }
        Object typ = jwt.getClaim(TokenClaims.TYPE);
        if (!TokenClaims.TYPE_ACCESS.equals(typ == null ? null : typ.toString())) {
            throw new ProblemException(401, ProblemCodes.UNAUTHORIZED, "An access token is required");
        }
        String role = jwt.getGroups() == null || jwt.getGroups().isEmpty() ? "" : jwt.getGroups().iterator().next();
        try {
            return new LicenseAccess(Long.parseLong(jwt.getSubject()), role);
        } catch (NumberFormatException e) {
            throw new ProblemException(401, ProblemCodes.UNAUTHORIZED, "The token does not name an account");
        }
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
