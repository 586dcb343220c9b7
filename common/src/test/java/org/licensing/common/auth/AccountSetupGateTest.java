package org.licensing.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AccountSetupGateTest {

    static String gate(String call, boolean pwd, boolean tfa, String role, List<String> required) {
        String[] mp = call.split(" ");
        return AccountSetupGate.refusal(mp[0], mp[1], "access", pwd, tfa, Set.of(role), required);
    }

    @Test
    void aForcedPasswordChangeAllowsOnlyTheChangeAndTheBasics() {
        assertEquals("PASSWORD_CHANGE_REQUIRED", gate("GET /api/v1/licenses", true, false, "ADMIN", List.of()));
        assertEquals("PASSWORD_CHANGE_REQUIRED", gate("POST /api/v1/accounts/me/2fa", true, false, "ADMIN", List.of()));
        assertNull(gate("POST /api/v1/accounts/me/password", true, false, "ADMIN", List.of()));
        assertNull(gate("GET /api/v1/accounts/me", true, false, "ADMIN", List.of()));
        assertNull(gate("POST /api/v1/auth/sign-out", true, false, "ADMIN", List.of()));
        assertNull(gate("GET /api/v1/licenses", false, false, "ADMIN", List.of()));
    }

    @Test
    void requiredTwoFactorHoldsOnlyTheListedRolesToTheEnrolment() {
        List<String> roles = List.of("ADMIN", " SELLER");
        assertEquals("TWO_FACTOR_REQUIRED", gate("GET /api/v1/products", false, false, "SELLER", roles));
        assertNull(gate("GET /api/v1/products", false, true, "SELLER", roles));
        assertNull(gate("GET /api/v1/licenses", false, false, "CUSTOMER", roles));
        assertNull(gate("POST /api/v1/accounts/me/2fa", false, false, "SELLER", roles));
        assertNull(gate("POST /api/v1/accounts/me/2fa/confirm", false, false, "SELLER", roles));
        assertNull(gate("GET /api/v1/products", false, false, "SELLER", List.of()));
        // Session tokens of client applications are never held.
        assertNull(AccountSetupGate.refusal("POST", "/api/v1/sessions/heartbeat", "session", true, false, Set.of(), roles));
    }
}
