package org.licensing.license.licenses;

import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;

/**
 * Who may lift a suspension: the role that imposed it, or a higher one (ADMIN above SELLER above
 * CUSTOMER). A seller's suspension is the seller's business decision and an admin may override it;
 * an admin's (fraud, abuse, a chargeback) is not the seller's to undo. Pure.
 */
public final class SuspensionAuthority {


    private SuspensionAuthority() {}

    static int rank(String role) {
        if (role == null) {
            return 0;
        }
        return switch (role) {
            case Roles.ADMIN -> 3;
            case Roles.SELLER -> 2;
            case Roles.CUSTOMER -> 1;
            default -> 0;
        };
    }

    /** 403 {@code LicenseCodes.SUSPENDED_BY_HIGHER_ROLE} unless {@code callerRole} ranks at least {@code imposedBy} (null: unknown, anyone). */
    public static void requireMayLift(String imposedBy, String callerRole) {
        if (imposedBy != null && rank(callerRole) < rank(imposedBy)) {
            throw new ProblemException(403, LicenseCodes.SUSPENDED_BY_HIGHER_ROLE,
                    "This suspension was imposed by " + article(imposedBy) + "; only " + article(imposedBy)
                            + (Roles.ADMIN.equals(imposedBy) ? "" : " or a higher role") + " can lift it")
                    .withExtension("suspended_by_role", imposedBy);
        }
    }

    private static String article(String role) {
        return (Roles.ADMIN.equals(role) ? "an " : "a ") + role.toLowerCase(java.util.Locale.ROOT);
    }
}
