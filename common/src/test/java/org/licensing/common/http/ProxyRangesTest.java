package org.licensing.common.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProxyRangesTest {

    @Test
    void addressesInsideTheRangesAreProxiesAndNoOneElse() {
        ProxyRanges r = ProxyRanges.parse("10.0.0.0/8, 192.168.4.0/22,::1/128, fd00::/8, 198.51.100.7");
        assertTrue(r.contains("10.1.2.3"));
        assertTrue(r.contains("192.168.7.255"));
        assertFalse(r.contains("192.168.8.0"));
        assertTrue(r.contains("::1"));
        assertTrue(r.contains("fd12:3456::1"));
        assertTrue(r.contains("198.51.100.7"));
        assertFalse(r.contains("198.51.100.8"));
        assertFalse(r.contains("127.0.0.1"));
        assertFalse(r.contains("203.0.113.77"));
        assertFalse(r.contains("unknown"));
        assertFalse(r.contains("localhost"), "names are never resolved");
        assertFalse(r.contains(null));
        assertTrue(ProxyRanges.parse("127.0.0.0/8").contains("::ffff:127.0.0.1"), "IPv4-mapped IPv6 is IPv4");
    }

    @Test
    void nothingIsTrustedWithAnEmptyListAndBadRangesAreRefused() {
        assertFalse(ProxyRanges.parse("").contains("127.0.0.1"));
        assertTrue(ProxyRanges.parse("0.0.0.0/0").contains("203.0.113.77"));
        assertThrows(IllegalArgumentException.class, () -> ProxyRanges.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> ProxyRanges.parse("gateway.local/32"));
        assertThrows(IllegalArgumentException.class, () -> ProxyRanges.parse("10.0.0.0/x"));
    }
}
