package org.licensing.common.auth;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.problem.ProblemCodes;

/**
 * Reads a person's access token. Refresh and session tokens are signed with the same key, so the
 * {@code typ} claim is checked, not trusted; every service's "who is calling" starts here.
 */
public final class AccessTokens {


    private AccessTokens() {}

    /** The account id ({@code sub}) of an access token, or a 401 problem. */
    public static long accountId(JsonWebToken jwt) {
        if (jwt == null || jwt.getSubject() == null) {
            throw new ProblemException(401, ProblemCodes.ACCESS_TOKEN_REQUIRED, "An access token is required; sign in first");
        }
        Object typ = jwt.getClaim(TokenClaims.TYPE);
        String type = typ == null ? null : typ instanceof jakarta.json.JsonString js ? js.getString() : typ.toString();
        if (!TokenClaims.TYPE_ACCESS.equals(type)) {
            throw new ProblemException(401, ProblemCodes.ACCESS_TOKEN_REQUIRED,
                    "An access token is required" + (type == null ? "" : ", not a " + type + " token"));
        }
        try {
            return Long.parseLong(jwt.getSubject());
        } catch (NumberFormatException e) {
            throw new ProblemException(401, ProblemCodes.ACCESS_TOKEN_REQUIRED, "The token does not name an account");
        }
    }

    /** ADMIN over SELLER over CUSTOMER; null when the token carries none of them. */
    public static String strongestRole(Set<String> groups) {
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
}
