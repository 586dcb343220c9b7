package org.licensing.license.licenses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.accounts.AccountRules;
import org.licensing.license.products.PolicyRules;

class RulesUnitTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void termsStartAtActivation() {
        assertNull(Terms.expiryAtActivation(Terms.Term.LIFETIME, null, null, NOW));
        assertEquals(NOW.plus(Duration.ofDays(365)), Terms.expiryAtActivation(Terms.Term.ANNUAL, null, null, NOW));
        assertEquals(NOW.plus(Duration.ofDays(30)), Terms.expiryAtActivation(Terms.Term.MONTHLY, null, null, NOW));
        assertEquals(NOW.plus(Duration.ofDays(14)), Terms.expiryAtActivation(Terms.Term.TRIAL, null, null, NOW));
        assertEquals(NOW.plus(Duration.ofDays(3)), Terms.expiryAtActivation(Terms.Term.TRIAL, 3, null, NOW));
        assertEquals(NOW.plus(Duration.ofDays(10)), Terms.expiryAtActivation(Terms.Term.LIFETIME, 10, null, NOW));
        Instant fixed = NOW.plus(Duration.ofDays(99));
        assertEquals(fixed, Terms.expiryAtActivation(Terms.Term.MONTHLY, null, fixed, NOW));
        assertNull(Terms.expiryAtActivation(Terms.Term.ONE_TIME, null, null, NOW));
    }

    @Test
    void extendingAddsToTheLaterOfExpiryAndNow() {
        assertEquals(NOW.plus(Duration.ofDays(40)), Terms.extend(NOW.plus(Duration.ofDays(10)), 30, NOW));
        assertEquals(NOW.plus(Duration.ofDays(30)), Terms.extend(NOW.minus(Duration.ofDays(10)), 30, NOW));
        assertNull(Terms.extend(null, 30, NOW));
    }

    @Test
    void domainAndIpRestrictionsAreChecked() {
        assertEquals(List.of("example.com", "*.example.org"), Restrictions.domains(List.of("Example.com", "*.example.org", "example.com"), "d"));
        for (String bad : List.of("", "*", "exa mple.com", "-a.com", "a..com", "*.*.com", "http://a.com")) {
            assertThrows(ProblemException.class, () -> Restrictions.domains(List.of(bad), "d"), bad);
        }
        assertEquals(List.of("203.0.113.7", "10.0.0.0/8", "2001:db8::/32", "::1"),
                Restrictions.ips(List.of("203.0.113.7", "10.0.0.0/8", "2001:db8::/32", "::1"), "i"));
        for (String bad : List.of("256.1.1.1", "10.0.0.0/33", "2001:db8::/129", "1.2.3", "example.com", "1.2.3.4/x", "gggg::1")) {
            assertThrows(ProblemException.class, () -> Restrictions.ips(List.of(bad), "i"), bad);
        }
    }

    @Test
    void accountAndPolicyRules() {
        assertEquals("alice_1", AccountRules.username("Alice_1"));
        assertThrows(ProblemException.class, () -> AccountRules.username("a"));
        assertThrows(ProblemException.class, () -> AccountRules.email("not-an-email"));
        assertThrows(ProblemException.class, () -> AccountRules.sellerName("SELLER", "acme"));
        assertThrows(ProblemException.class, () -> AccountRules.sellerName("SELLER", null));
        assertThrows(ProblemException.class, () -> AccountRules.sellerName("CUSTOMER", "ACME"));
        assertEquals("ACME42", AccountRules.sellerName("SELLER", "ACME42"));
        assertEquals("CUSTOMER", AccountRules.selfRegistrationRole(null));
        assertThrows(ProblemException.class, () -> AccountRules.selfRegistrationRole("ADMIN"));
        assertEquals("API", PolicyRules.productCode("api"));
        assertThrows(ProblemException.class, () -> PolicyRules.productCode("A1"));
        assertEquals(Map.of("api_calls_per_day", 1000L), PolicyRules.usageLimits(Map.of("api_calls_per_day", 1000), "u"));
        assertThrows(ProblemException.class, () -> PolicyRules.usageLimits(Map.of("api_calls", -1), "u"));
        assertThrows(ProblemException.class, () -> PolicyRules.usageLimits(Map.of("Bad-Name", 1), "u"));
        assertThrows(ProblemException.class, () -> PolicyRules.usageLimits(Map.of("x", 1.5), "u"));
        assertTrue(PolicyRules.privilegeRank("ULTIMATE") > PolicyRules.privilegeRank("REGULAR"));
        assertTrue(PolicyRules.privilegeRank("REGULAR") > PolicyRules.privilegeRank("BASIC"));
    }
}
