package org.licensing.common.auth;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The person behind a request: account id ({@code sub}) and the strongest role of an access token
 * (null when it carries none). Refresh and session tokens are refused by {@link AccessTokens}: they
 * are signed by the same key, so their {@code typ} claim is checked, not trusted.
 */
public record Caller(long accountId, String role) {

    public static Caller of(JsonWebToken jwt) {
        return new Caller(AccessTokens.accountId(jwt), AccessTokens.strongestRole(jwt.getGroups()));
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
