package org.licensing.common.auth;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.licenses.LicenseSnapshot;

/**
 * The one caller type of every service: account id ({@code sub}), the strongest role (null when
 * the token carries none; {@link Roles#CLIENT} for a client session), and for a session token the
 * license and device it was issued for. {@link #of} reads a person's access token (refresh and
 * session tokens are refused by {@link AccessTokens}: they are signed by the same key, so their
 * {@code typ} claim is checked, not trusted); {@link #ofAnyToken} also takes session tokens.
 * Who may touch which license is {@link LicenseAccess}.
 */
public record Caller(long accountId, String role, Long licenseId, Long deviceId) {

    /** A person: no session claims. */
    public Caller(long accountId, String role) {
        this(accountId, role, null, null);
    }

    public static Caller of(JsonWebToken jwt) {
        return new Caller(AccessTokens.accountId(jwt), AccessTokens.strongestRole(jwt.getGroups()));
    }

    /**
     * A verified token of any kind of this platform (the endpoints a client session also calls): a
     * person's role, or {@link Roles#CLIENT} with the session's license and device.
     */
    public static Caller ofAnyToken(JsonWebToken jwt) {
        Set<String> groups = jwt.getGroups();
        String role = AccessTokens.strongestRole(groups);
        return new Caller(subject(jwt.getSubject()), role == null ? Roles.CLIENT : role,
                longClaim(jwt.getClaim(TokenClaims.LICENSE_ID)), longClaim(jwt.getClaim(TokenClaims.DEVICE_ID)));
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

    public boolean isClient() {
        return Roles.CLIENT.equals(role);
    }

    /** May this caller see and act on things of this license? ({@link LicenseAccess#mayUse}) */
    public boolean mayUse(LicenseSnapshot license) {
        return LicenseAccess.mayUse(this, license);
    }

    static Long longClaim(Object claim) {
        if (claim == null) {
            return null;
        }
        if (claim instanceof jakarta.json.JsonNumber n) {
            return n.longValue();
        }
        if (claim instanceof Number n) {
            return n.longValue();
        }
        String s = claim instanceof jakarta.json.JsonString js ? js.getString() : claim.toString();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long subject(String subject) {
        try {
            return subject == null ? 0 : Long.parseLong(subject);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
