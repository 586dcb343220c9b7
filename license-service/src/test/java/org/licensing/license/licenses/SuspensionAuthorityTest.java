package org.licensing.license.licenses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;

class SuspensionAuthorityTest {

    static void lifts(String imposedBy, String caller) {
        SuspensionAuthority.requireMayLift(imposedBy, caller);
    }

    static void refused(String imposedBy, String caller) {
        ProblemException e = assertThrows(ProblemException.class, () -> SuspensionAuthority.requireMayLift(imposedBy, caller),
                imposedBy + " lifted by " + caller);
        assertEquals(403, e.status());
        assertEquals("SUSPENDED_BY_HIGHER_ROLE", e.code());
        assertEquals(imposedBy, e.extensions().get("suspended_by_role"));
    }

    @Test
    void theImposingRoleOrAHigherOneLiftsIt() {
        lifts("SELLER", "SELLER");
        lifts("SELLER", "ADMIN");
        lifts("ADMIN", "ADMIN");
        refused("ADMIN", "SELLER");
        refused("ADMIN", "CUSTOMER");
        refused("SELLER", "CUSTOMER");
        refused("ADMIN", null);
    }

    @Test
    void suspensionsFromBeforeTheRecordAreLiftedAsBefore() {
        lifts(null, "SELLER");
    }
}
