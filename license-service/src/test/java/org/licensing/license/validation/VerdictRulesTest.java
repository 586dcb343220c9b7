package org.licensing.license.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.license.metering.UsageLimits;
import org.licensing.license.metering.UsageMetric;

class VerdictRulesTest {

    static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

    static LicenseSnapshot license(String status, Instant expires, List<String> domains, List<String> ips,
            Map<String, Long> limits) {
        return new LicenseSnapshot(7, 3, "API", 11, 21L, status, "BASE", "BASIC", "ANNUAL", 2, null, expires, limits,
                domains, ips);
    }

    static LicenseSnapshot active() {
        return license("ACTIVE", NOW.plusSeconds(3600), List.of(), List.of(), Map.of());
    }

    static String code(LicenseSnapshot l, String product, String domain, String ip, DeviceState device,
            List<UsageLimits.Reading> usage) {
        return VerdictRules.decide(new VerdictRules.Facts(l, product, domain, ip, device, usage, NOW)).code();
    }

    static String code(LicenseSnapshot l) {
        return code(l, null, null, "198.51.100.1", DeviceState.NOT_REQUESTED, List.of());
    }

    @Test
    void valid() {
        VerdictRules.Outcome o = VerdictRules.decide(new VerdictRules.Facts(active(), "API", null, "198.51.100.1",
                DeviceState.BOUND, List.of(), NOW));
        assertTrue(o.valid());
        assertEquals(ValidationCodes.VALID, o.code());
    }

    @Test
    void notFound() {
        assertEquals(ValidationCodes.NOT_FOUND, code(null));
    }

    @Test
    void statuses() {
        Instant later = NOW.plusSeconds(60);
        assertEquals(ValidationCodes.NOT_ACTIVATED, code(license("UNUSED", later, List.of(), List.of(), Map.of())));
        assertEquals(ValidationCodes.SUSPENDED, code(license("SUSPENDED", later, List.of(), List.of(), Map.of())));
        assertEquals(ValidationCodes.REVOKED, code(license("REVOKED", later, List.of(), List.of(), Map.of())));
        assertEquals(ValidationCodes.UPGRADED, code(license("UPGRADED", later, List.of(), List.of(), Map.of())));
        assertEquals(ValidationCodes.EXPIRED, code(license("EXPIRED", later, List.of(), List.of(), Map.of())));
    }

    @Test
    void expiryPassedWhileStillActive() {
        assertEquals(ValidationCodes.EXPIRED, code(license("ACTIVE", NOW, List.of(), List.of(), Map.of())));
        assertEquals(ValidationCodes.VALID, code(license("ACTIVE", null, List.of(), List.of(), Map.of())));
    }

    @Test
    void statusIsCheckedBeforeExpiry() {
        assertEquals(ValidationCodes.SUSPENDED, code(license("SUSPENDED", NOW.minusSeconds(5), List.of(), List.of(), Map.of())));
    }

    @Test
    void productByCodeOrId() {
        assertEquals(ValidationCodes.VALID, code(active(), "api", null, "198.51.100.1", DeviceState.NOT_REQUESTED, List.of()));
        assertEquals(ValidationCodes.VALID, code(active(), "3", null, "198.51.100.1", DeviceState.NOT_REQUESTED, List.of()));
        assertEquals(ValidationCodes.PRODUCT_MISMATCH, code(active(), "PLUGIN", null, "198.51.100.1", DeviceState.NOT_REQUESTED, List.of()));
        assertEquals(ValidationCodes.PRODUCT_MISMATCH, code(active(), "4", null, "198.51.100.1", DeviceState.NOT_REQUESTED, List.of()));
    }

    @Test
    void domain() {
        LicenseSnapshot l = license("ACTIVE", null, List.of("example.com", "*.example.org"), List.of(), Map.of());
        assertEquals(ValidationCodes.VALID, code(l, null, "EXAMPLE.com", "198.51.100.1", DeviceState.NOT_REQUESTED, List.of()));
        assertEquals(ValidationCodes.VALID, code(l, null, "shop.example.org", "198.51.100.1", DeviceState.NOT_REQUESTED, List.of()));
        assertEquals(ValidationCodes.DOMAIN_NOT_ALLOWED, code(l, null, "example.org", "198.51.100.1", DeviceState.NOT_REQUESTED, List.of()));
        assertEquals(ValidationCodes.DOMAIN_NOT_ALLOWED, code(l, null, null, "198.51.100.1", DeviceState.NOT_REQUESTED, List.of()));
    }

    @Test
    void ip() {
        LicenseSnapshot l = license("ACTIVE", null, List.of(), List.of("10.0.0.0/8", "2001:db8::/32"), Map.of());
        assertEquals(ValidationCodes.VALID, code(l, null, null, "10.1.2.3", DeviceState.NOT_REQUESTED, List.of()));
        assertEquals(ValidationCodes.VALID, code(l, null, null, "2001:db8::1", DeviceState.NOT_REQUESTED, List.of()));
        assertEquals(ValidationCodes.IP_NOT_ALLOWED, code(l, null, null, "11.0.0.1", DeviceState.NOT_REQUESTED, List.of()));
    }

    @Test
    void device() {
        assertEquals(ValidationCodes.DEVICE_NOT_ACTIVATED, code(active(), null, null, "1.2.3.4", DeviceState.NOT_BOUND, List.of()));
        assertEquals(ValidationCodes.DEVICE_BLOCKED, code(active(), null, null, "1.2.3.4", DeviceState.BLOCKED, List.of()));
    }

    @Test
    void usage() {
        Map<String, Long> limits = Map.of("api_calls_per_minute", 10L);
        LicenseSnapshot l = license("ACTIVE", null, List.of(), List.of(), limits);
        UsageLimits.Counter c = UsageLimits.countersOf(7, UsageMetric.API_CALLS, limits, NOW).get(0);
        assertEquals(ValidationCodes.VALID, code(l, null, null, "1.2.3.4", DeviceState.BOUND, List.of(new UsageLimits.Reading(c, 9))));
        assertEquals(ValidationCodes.USAGE_LIMIT_EXCEEDED,
                code(l, null, null, "1.2.3.4", DeviceState.BOUND, List.of(new UsageLimits.Reading(c, 10))));
    }

    @Test
    void orderIsProductThenDomainThenIpThenDeviceThenUsage() {
        Map<String, Long> limits = Map.of("api_calls_per_minute", 1L);
        LicenseSnapshot l = license("ACTIVE", null, List.of("a.test"), List.of("10.0.0.0/8"), limits);
        List<UsageLimits.Reading> full = List.of(new UsageLimits.Reading(
                UsageLimits.countersOf(7, UsageMetric.API_CALLS, limits, NOW).get(0), 1));
        assertEquals(ValidationCodes.PRODUCT_MISMATCH, code(l, "X", "b.test", "11.0.0.1", DeviceState.BLOCKED, full));
        assertEquals(ValidationCodes.DOMAIN_NOT_ALLOWED, code(l, "API", "b.test", "11.0.0.1", DeviceState.BLOCKED, full));
        assertEquals(ValidationCodes.IP_NOT_ALLOWED, code(l, "API", "a.test", "11.0.0.1", DeviceState.BLOCKED, full));
        assertEquals(ValidationCodes.DEVICE_BLOCKED, code(l, "API", "a.test", "10.0.0.1", DeviceState.BLOCKED, full));
        assertEquals(ValidationCodes.USAGE_LIMIT_EXCEEDED, code(l, "API", "a.test", "10.0.0.1", DeviceState.BOUND, full));
    }

    @Test
    void malformed() {
        assertEquals(ValidationCodes.MALFORMED_KEY, VerdictRules.malformed("bad").code());
    }
}
