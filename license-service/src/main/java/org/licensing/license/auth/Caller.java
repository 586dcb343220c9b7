package org.licensing.license.auth;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.AccessTokens;
import org.licensing.common.auth.Roles;

/**
 * The person behind a request: account id and role from an access token. Refresh and session
 * tokens are signed by the same key, so the {@code typ} claim is checked here, not trusted.
 */
public record Caller(long accountId, String role) {

    public static Caller of(JsonWebToken jwt) {
        long accountId = AccessTokens.accountId(jwt);
        String role = AccessTokens.strongestRole(jwt.getGroups());
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
