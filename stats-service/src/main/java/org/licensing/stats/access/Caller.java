package org.licensing.stats.access;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.problem.ProblemException;
import org.licensing.stats.StatsCodes;

/** The person behind a request: account id ({@code sub}) and the strongest role of an access token. */
public record Caller(long accountId, String role) {

    public static Caller of(JsonWebToken jwt) {
        if (jwt == null || jwt.getSubject() == null) {
            throw new ProblemException(401, StatsCodes.ACCESS_TOKEN_REQUIRED, "An access token is required");
        }
        Object typ = jwt.getClaim(TokenClaims.TYPE);
        if (typ != null && !TokenClaims.TYPE_ACCESS.equals(String.valueOf(typ))) {
            throw new ProblemException(401, StatsCodes.ACCESS_TOKEN_REQUIRED, "An access token is required, not a " + typ + " token");
        }
        long id;
        try {
            id = Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException e) {
            throw new ProblemException(401, StatsCodes.ACCESS_TOKEN_REQUIRED, "The token subject is not an account id");
        }
        String role = strongest(jwt.getGroups());
        if (role == null) {
            throw ProblemException.forbidden("Statistics are for administrators, sellers and customers");
        }
        return new Caller(id, role);
    }

    static String strongest(Set<String> groups) {
        if (groups == null) {
            return null;
        }
        for (String r : new String[] { Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER }) {
            if (groups.contains(r)) {
                return r;
            }
        }
        return null;
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
