package org.licensing.device.access;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.AccessTokens;
import org.licensing.common.auth.Roles;

/** The person behind a request: account id ({@code sub}) and the strongest role of the token. */
public record Caller(long accountId, String role) {

    /** Reads an access token; refresh and session tokens are refused (they are not for managing devices). */
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
