package org.licensing.stats.access;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.AccessTokens;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;

/** The person behind a request: account id ({@code sub}) and the strongest role of an access token. */
public record Caller(long accountId, String role) {

    public static Caller of(JsonWebToken jwt) {
        long accountId = AccessTokens.accountId(jwt);
        String role = AccessTokens.strongestRole(jwt.getGroups());
        if (role == null) {
            throw ProblemException.forbidden("Statistics are for administrators, sellers and customers");
        }
        return new Caller(accountId, role);
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
