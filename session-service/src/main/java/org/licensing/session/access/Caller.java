package org.licensing.session.access;

import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.licenses.LicenseSnapshot;

/**
 * Who calls, from a verified JWT, and what they may touch: an admin everything, a seller the
 * licenses they sell, a customer the licenses they own, a client session its own license (and the
 * other licenses of the same owner).
 */
public record Caller(long accountId, String role, Long licenseId, Long deviceId) {

    public static Caller of(JsonWebToken jwt) {
        Set<String> groups = jwt.getGroups();
        String role = groups.contains(Roles.ADMIN) ? Roles.ADMIN
                : groups.contains(Roles.SELLER) ? Roles.SELLER
                        : groups.contains(Roles.CUSTOMER) ? Roles.CUSTOMER : Roles.CLIENT;
        return new Caller(parse(jwt.getSubject()), role, longClaim(jwt.getClaim(TokenClaims.LICENSE_ID)),
                longClaim(jwt.getClaim(TokenClaims.DEVICE_ID)));
    }

    public boolean isAdmin() {
        return Roles.ADMIN.equals(role);
    }

    public boolean isClient() {
        return Roles.CLIENT.equals(role);
    }

    /** May this caller see and act on things of this license? */
    public boolean mayUse(LicenseSnapshot license) {
        if (license == null) {
            return false;
        }
        return switch (role) {
            case Roles.ADMIN -> true;
            case Roles.SELLER -> license.sellerId() == accountId;
            case Roles.CUSTOMER -> license.ownerAccountId() != null && license.ownerAccountId() == accountId;
            default -> (licenseId != null && licenseId == license.id())
                    || (license.ownerAccountId() != null && license.ownerAccountId() == accountId);
        };
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

    private static long parse(String subject) {
        try {
            return subject == null ? 0 : Long.parseLong(subject);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
