package org.licensing.license.licenses;

import org.licensing.common.licenses.LicenseStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.licensing.common.problem.ProblemException;

/** Every one of the 36 (from, to) pairs: the 11 allowed pass, the 25 others are refused with 409. */
class LicenseStatusMachineTest {

    private static final Set<String> ALLOWED = Set.of(
            "UNUSED>ACTIVE", "ACTIVE>SUSPENDED", "SUSPENDED>ACTIVE", "ACTIVE>EXPIRED", "EXPIRED>ACTIVE", "ACTIVE>UPGRADED",
            "UNUSED>REVOKED", "ACTIVE>REVOKED", "SUSPENDED>REVOKED", "EXPIRED>REVOKED", "UPGRADED>REVOKED");

    @ParameterizedTest
    @EnumSource(LicenseStatus.class)
    void everyPairFrom(LicenseStatus from) {
        for (LicenseStatus to : LicenseStatus.values()) {
            String pair = from + ">" + to;
            if (ALLOWED.contains(pair)) {
                assertEquals(to, LicenseStatusMachine.transition(from, to), pair);
            } else {
                ProblemException e = assertThrows(ProblemException.class, () -> LicenseStatusMachine.transition(from, to), pair);
                assertEquals(409, e.status(), pair);
                assertEquals("INVALID_STATUS_TRANSITION", e.code(), pair);
                assertEquals(from.name(), e.extensions().get("from"));
                assertEquals(to.name(), e.extensions().get("to"));
            }
        }
    }

    @Test
    void countsMatchTheRequirement() {
        int allowed = 0;
        for (LicenseStatus from : LicenseStatus.values()) {
            for (LicenseStatus to : LicenseStatus.values()) {
                if (LicenseStatusMachine.allows(from, to)) {
                    allowed++;
                }
            }
        }
        assertEquals(ALLOWED.size(), allowed);
    }
}
