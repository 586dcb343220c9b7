package org.licensing.license.auth;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;

/**
 * The person behind a request: account id and role from an access token. Refresh and session
 * tokens are signed by the same key, so the {@code typ} claim is checked here, not trusted.
 */
public record Caller(long accountId, String role) {

    public static Caller of(JsonWebToken jwt) {
        if (jwt == null || jwt.getSubject() == null) {
            throw new ProblemException(401, ProblemCodes.UNAUTHORIZED, "Sign in first");
        }
        Object typ = jwt.getClaim(TokenClaims.TYPE);
        if (!TokenClaims.TYPE_ACCESS.equals(typ == null ? null : typ.toString())) {
            throw new ProblemException(401, ProblemCodes.UNAUTHORIZED, "An access token is required");
        }
        String role = jwt.getGroups() == null || jwt.getGroups().isEmpty() ? "" : jwt.getGroups().iterator().next();
        try {
            return new Caller(Long.parseLong(jwt.getSubject()), role);
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

    public boolean isCustomer() {
        return Roles.CUSTOMER.equals(role);
    }
}
