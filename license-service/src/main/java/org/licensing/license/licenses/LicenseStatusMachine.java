package org.licensing.license.licenses;

import org.licensing.common.licenses.LicenseStatus;
import static org.licensing.common.licenses.LicenseStatus.ACTIVE;
import static org.licensing.common.licenses.LicenseStatus.EXPIRED;
import static org.licensing.common.licenses.LicenseStatus.REVOKED;
import static org.licensing.common.licenses.LicenseStatus.SUSPENDED;
import static org.licensing.common.licenses.LicenseStatus.UNUSED;
import static org.licensing.common.licenses.LicenseStatus.UPGRADED;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;

/**
 * The one place that decides which status changes are legal (requirement 003):
 * UNUSED→ACTIVE (first activation), ACTIVE⇄SUSPENDED, ACTIVE→EXPIRED, EXPIRED→ACTIVE (renewal:
 * extending an expired license), ACTIVE→UPGRADED, and any state except REVOKED itself → REVOKED. Everything else is refused with 409
 * {@code LicenseCodes.INVALID_STATUS_TRANSITION}.
 */
public final class LicenseStatusMachine {


    private static final Map<LicenseStatus, Set<LicenseStatus>> ALLOWED = Map.of(
            UNUSED, EnumSet.of(ACTIVE, REVOKED),
            ACTIVE, EnumSet.of(SUSPENDED, EXPIRED, UPGRADED, REVOKED),
            SUSPENDED, EnumSet.of(ACTIVE, REVOKED),
            EXPIRED, EnumSet.of(ACTIVE, REVOKED),
            UPGRADED, EnumSet.of(REVOKED),
            REVOKED, EnumSet.noneOf(LicenseStatus.class));

    private LicenseStatusMachine() {}

    public static boolean allows(LicenseStatus from, LicenseStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** Returns {@code to} when the change is legal, otherwise throws the 409 problem. */
    public static LicenseStatus transition(LicenseStatus from, LicenseStatus to) {
        if (!allows(from, to)) {
            throw new ProblemException(409, LicenseCodes.INVALID_STATUS_TRANSITION,
                    "A license cannot go from " + from + " to " + to)
                    .withExtension("from", from.name()).withExtension("to", to.name());
        }
        return to;
    }
}
