package org.licensing.license.licenses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;

/** The PATCH body of a license, parsed into typed fields: pure, no server. */
class LicenseUpdateTest {

    private static ProblemException refused(Map<String, Object> body) {
        return assertThrows(ProblemException.class, () -> LicenseUpdate.parse(body));
    }

    private static String field(ProblemException e) {
        return e.fieldErrors().get(0).field();
    }

    @Test
    void onlyTheFieldsPresentChangeAndNullClearsWhereAllowed() {
        Map<String, Object> body = new HashMap<>();
        body.put("max_sessions", null);
        body.put("notes", null);
        body.put("max_devices", 7);
        LicenseUpdate u = LicenseUpdate.parse(body);
        assertEquals(Set.of("max_devices", "max_sessions", "notes"), u.fields());
        assertEquals(List.of("max_devices", "max_sessions", "notes"), u.changed());
        assertEquals(7, u.maxDevices());
        assertNull(u.maxSessions());
        assertNull(u.column("notes"));
        assertFalse(u.fields().contains("auto_renew"));
    }

    @Test
    void valuesAreCheckedAndNormalized() {
        LicenseUpdate u = LicenseUpdate.parse(Map.of("usage_limits", Map.of("api_calls", 5000), "domain_restrictions",
                List.of("Example.com", "example.com"), "ip_restrictions", List.of("10.0.0.0/8"), "auto_renew", true));
        assertEquals(Map.of("api_calls", 5000L), u.usageLimits());
        assertEquals(List.of("example.com"), u.domainRestrictions());
        assertEquals(List.of("10.0.0.0/8"), u.ipRestrictions());
        assertTrue(u.autoRenew());
    }

    @Test
    void badInputNamesItsField() {
        assertEquals("max_devices", field(refused(Map.of("max_devices", "many"))));
        assertEquals("max_sessions", field(refused(Map.of("max_sessions", "two"))));
        assertEquals("usage_limits", field(refused(Map.of("usage_limits", List.of(1)))));
        assertEquals("ip_restrictions", field(refused(Map.of("ip_restrictions", List.of("999.1.1.1")))));
        assertEquals("domain_restrictions", field(refused(Map.of("domain_restrictions", "example.com"))));
        assertEquals("notes", field(refused(Map.of("notes", 5))));
        assertEquals("auto_renew", field(refused(Map.of("auto_renew", "yes"))));
        assertEquals("status", field(refused(Map.of("status", "ACTIVE"))));
        ProblemException empty = refused(Map.of());
        assertEquals(400, empty.status());
        assertEquals("NOTHING_TO_UPDATE", empty.code());
    }
}
