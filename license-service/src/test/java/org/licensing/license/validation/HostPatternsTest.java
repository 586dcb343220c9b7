package org.licensing.license.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HostPatternsTest {

    @Test
    void noRestrictionAllowsAnything() {
        assertTrue(HostPatterns.allowed(List.of(), null));
        assertTrue(HostPatterns.allowed(null, "x.test"));
    }

    @Test
    void exactMatchIsCaseInsensitiveAndIgnoresPortPathAndTrailingDot() {
        List<String> p = List.of("example.com");
        assertTrue(HostPatterns.allowed(p, "Example.COM"));
        assertTrue(HostPatterns.allowed(p, "example.com."));
        assertTrue(HostPatterns.allowed(p, "example.com:8443"));
        assertTrue(HostPatterns.allowed(p, "https://example.com/shop?x=1"));
        assertFalse(HostPatterns.allowed(p, "www.example.com"));
        assertFalse(HostPatterns.allowed(p, "example.com.evil.test"));
        assertFalse(HostPatterns.allowed(p, "notexample.com"));
    }

    @Test
    void wildcardMatchesSubdomainsOnly() {
        List<String> p = List.of("*.example.com");
        assertTrue(HostPatterns.allowed(p, "shop.example.com"));
        assertTrue(HostPatterns.allowed(p, "a.b.example.com"));
        assertFalse(HostPatterns.allowed(p, "example.com"));
        assertFalse(HostPatterns.allowed(p, "badexample.com"));
        assertFalse(HostPatterns.allowed(p, "example.com.evil.test"));
    }

    @Test
    void restrictedLicenseNeedsADomain() {
        assertFalse(HostPatterns.allowed(List.of("example.com"), null));
        assertFalse(HostPatterns.allowed(List.of("example.com"), "  "));
    }

    @Test
    void internationalizedNamesCompareAsPunycode() {
        assertTrue(HostPatterns.allowed(List.of("*.bücher.example"), "shop.xn--bcher-kva.example"));
        assertEquals("xn--bcher-kva.example", HostPatterns.normalize("BÜCHER.example"));
    }
}
