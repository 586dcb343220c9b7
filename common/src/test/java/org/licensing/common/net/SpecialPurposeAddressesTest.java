package org.licensing.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

/** One row per registry entry: its first and last address are special, the neighbours outside are not. */
class SpecialPurposeAddressesTest {

    static final String[][] SPECIAL = {
            // address, expected block
            { "0.0.0.0", "0.0.0.0/8" }, { "0.255.255.255", "0.0.0.0/8" },
            { "10.0.0.0", "10.0.0.0/8" }, { "10.255.255.255", "10.0.0.0/8" },
            { "100.64.0.0", "100.64.0.0/10" }, { "100.127.255.255", "100.64.0.0/10" },
            { "127.0.0.1", "127.0.0.0/8" }, { "127.255.255.254", "127.0.0.0/8" },
            { "169.254.169.254", "169.254.0.0/16" },
            { "172.16.0.0", "172.16.0.0/12" }, { "172.31.255.255", "172.16.0.0/12" },
            { "192.0.0.0", "192.0.0.0/24" }, { "192.0.0.170", "192.0.0.0/24" }, { "192.0.0.255", "192.0.0.0/24" },
            { "192.0.2.1", "192.0.2.0/24" },
            { "192.31.196.1", "192.31.196.0/24" }, { "192.52.193.1", "192.52.193.0/24" },
            { "192.88.99.1", "192.88.99.0/24" },
            { "192.168.1.1", "192.168.0.0/16" },
            { "192.175.48.1", "192.175.48.0/24" },
            { "198.18.0.0", "198.18.0.0/15" }, { "198.19.255.255", "198.18.0.0/15" },
            { "198.51.100.7", "198.51.100.0/24" }, { "203.0.113.10", "203.0.113.0/24" },
            { "224.0.0.1", "224.0.0.0/4" }, { "239.255.255.255", "224.0.0.0/4" },
            { "240.0.0.0", "240.0.0.0/4" }, { "255.255.255.255", "240.0.0.0/4" },
            { "::", "::/128" }, { "::1", "::1/128" }, { "::10.0.0.1", "::/96" },
            { "::ffff:8.8.8.8", null /* Java turns it into IPv4: 8.8.8.8 is public */ },
            { "64:ff9b::a00:1", "64:ff9b::/96" }, { "64:ff9b::808:808", "64:ff9b::/96" },
            { "64:ff9b:1::1", "64:ff9b:1::/48" },
            { "100::1", "100::/64" }, { "100:0:0:1::5", "100:0:0:1::/64" },
            { "2001::1", "2001::/23" }, { "2001:1ff:ffff::1", "2001::/23" },
            { "2001:db8::1", "2001:db8::/32" },
            { "2002::1", "2002::/16" }, { "2002:a00:1::1", "2002::/16" },
            { "2620:4f:8000::1", "2620:4f:8000::/48" },
            { "3fff::1", "3fff::/20" }, { "3fff:fff:ffff::1", "3fff::/20" },
            { "5f00::1", "5f00::/16" },
            { "fc00::1", "fc00::/7" }, { "fd12:3456::1", "fc00::/7" },
            { "fe80::1", "fe80::/10" }, { "febf::1", "fe80::/10" },
            { "fec0::1", "fec0::/10" },
            { "ff02::1", "ff00::/8" } };

    static final String[] PUBLIC = { "1.1.1.1", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
            "126.255.255.255", "128.0.0.0", "169.253.255.255", "172.15.255.255", "172.32.0.0", "191.255.255.255",
            "192.0.1.0", "192.0.3.0", "192.88.98.255", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0",
            "198.51.99.255", "203.0.112.255", "203.0.114.0", "223.255.255.255",
            "2001:200::1", "2001:4860:4860::8888", "2606:4700:4700::1111", "2003::1", "2001:db9::1", "3ffe::1",
            "4000::1", "2620:4f:8001::1", "fbff::1", "64:ff9b:2::1" };

    @Test
    void everyRegistryEntryIsRecognised() throws Exception {
        for (String[] row : SPECIAL) {
            SpecialPurposeAddresses.Entry e = SpecialPurposeAddresses.find(InetAddress.getByName(row[0]).getAddress());
            if (row[1] == null) {
                assertNull(e, row[0]);
            } else {
                assertNotNull(e, row[0]);
                assertEquals(row[1], e.cidr(), row[0]);
                assertTrue(SpecialPurposeAddresses.containsLiteral(row[0]), row[0]);
            }
        }
    }

    @Test
    void ordinaryPublicAddressesAreNot() throws Exception {
        for (String p : PUBLIC) {
            assertFalse(SpecialPurposeAddresses.contains(InetAddress.getByName(p)), p);
            assertFalse(SpecialPurposeAddresses.containsLiteral(p), p);
        }
    }

    @Test
    void literalsOnlyNeverNames() {
        assertFalse(SpecialPurposeAddresses.containsLiteral("localhost"));
        assertFalse(SpecialPurposeAddresses.containsLiteral("dead.beef.cafe.babe"));
        assertFalse(SpecialPurposeAddresses.containsLiteral("127.1"));
        assertTrue(SpecialPurposeAddresses.containsLiteral("[::1]"));
        assertTrue(SpecialPurposeAddresses.containsLiteral("fe80::1%eth0"));
        assertNull(IpRange.literal("example.com"));
    }

    @Test
    void rangesParseAndMatch() {
        IpRange r = IpRange.parse("198.18.0.0/15");
        assertTrue(r.contains(new byte[] { (byte) 198, 19, 1, 1 }));
        assertFalse(r.contains(new byte[] { (byte) 198, 20, 0, 0 }));
        assertFalse(r.contains(new byte[16]));
        assertTrue(IpRange.parse("10.1.2.3").contains(new byte[] { 10, 1, 2, 3 }));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("host.example/8"));
    }
}
