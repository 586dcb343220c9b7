package org.licensing.license.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class IpRulesTest {

    @Test
    void singleAddresses() {
        assertTrue(IpRules.allowed(List.of("203.0.113.7"), "203.0.113.7"));
        assertFalse(IpRules.allowed(List.of("203.0.113.7"), "203.0.113.8"));
        assertTrue(IpRules.allowed(List.of("2001:db8::1"), "2001:0db8:0:0:0:0:0:1"));
    }

    @Test
    void ipv4Cidr() {
        List<String> r = List.of("10.0.0.0/8", "192.168.1.0/24", "172.16.5.4/31");
        assertTrue(IpRules.allowed(r, "10.255.1.1"));
        assertTrue(IpRules.allowed(r, "192.168.1.200"));
        assertFalse(IpRules.allowed(r, "192.168.2.1"));
        assertTrue(IpRules.allowed(r, "172.16.5.5"));
        assertFalse(IpRules.allowed(r, "172.16.5.6"));
        assertTrue(IpRules.allowed(List.of("0.0.0.0/0"), "8.8.8.8"));
        assertTrue(IpRules.allowed(List.of("10.0.0.0/12"), "10.15.255.255"));
        assertFalse(IpRules.allowed(List.of("10.0.0.0/12"), "10.16.0.0"));
    }

    @Test
    void ipv6Cidr() {
        List<String> r = List.of("2001:db8::/32", "fe80::/10");
        assertTrue(IpRules.allowed(r, "2001:db8:ffff::1"));
        assertFalse(IpRules.allowed(r, "2001:db9::1"));
        assertTrue(IpRules.allowed(r, "febf::1"));
        assertFalse(IpRules.allowed(r, "fec0::1"));
        assertTrue(IpRules.allowed(List.of("::/0"), "::1"));
    }

    @Test
    void familiesDoNotMix() {
        assertFalse(IpRules.allowed(List.of("10.0.0.0/8"), "2001:db8::1"));
        assertFalse(IpRules.allowed(List.of("2001:db8::/32"), "10.0.0.1"));
    }

    @Test
    void ipv4MappedAddressesCompareAsIpv4() {
        assertTrue(IpRules.allowed(List.of("10.0.0.0/8"), "::ffff:10.1.2.3"));
        assertTrue(IpRules.allowed(List.of("::ffff:10.0.0.0/104"), "10.9.9.9"));
    }

    @Test
    void parsing() {
        assertArrayEquals(new byte[] { 127, 0, 0, 1 }, IpRules.parse("127.0.0.1"));
        assertNull(IpRules.parse("256.0.0.1"));
        assertNull(IpRules.parse("1.2.3"));
        assertNull(IpRules.parse("example.com"));
        assertNull(IpRules.parse("1::2::3"));
        assertNull(IpRules.parse("12345::1"));
        assertNull(IpRules.parse("1:2:3:4:5:6:7:8:9"));
        byte[] v6 = IpRules.parse("[::1]");
        assertTrue(v6 != null && v6.length == 16 && v6[15] == 1);
        assertTrue(IpRules.parse("fe80::1%eth0") != null);
    }

    @Test
    void malformedRulesNeverMatch() {
        assertFalse(IpRules.allowed(List.of("10.0.0.0/33", "10.0.0.0/x", "nonsense"), "10.0.0.1"));
        assertFalse(IpRules.allowed(List.of("10.0.0.0/8"), "not-an-ip"));
        assertTrue(IpRules.isValidRule("2001:db8::/48"));
        assertFalse(IpRules.isValidRule("10.0.0.0/40"));
    }
}
