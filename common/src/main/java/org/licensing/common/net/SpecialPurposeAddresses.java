package org.licensing.common.net;

import java.net.InetAddress;
import java.util.List;

/**
 * Every address block that is not an ordinary public unicast destination: the IANA IPv4 and IPv6
 * Special-Purpose Address Registries (iana-ipv4-special-registry, iana-ipv6-special-registry, as
 * of 2025, every entry whatever its "globally reachable" column: a webhook has no business with
 * AS112, AMT, NAT64 or 6to4 relays either), plus multicast and the deprecated IPv6 site-local and
 * IPv4-compatible blocks. The one list the platform uses to refuse outbound targets (webhooks);
 * anything that must recognise "internal" addresses should ask here.
 */
public final class SpecialPurposeAddresses {

    /** Block, and why it is special (the registry's name). */
    public record Entry(IpRange range, String cidr, String name) {}

    private static Entry e(String cidr, String name) {
        return new Entry(IpRange.parse(cidr), cidr, name);
    }

    public static final List<Entry> IPV4 = List.of(
            e("0.0.0.0/8", "\"This network\" (RFC 791)"),
            e("10.0.0.0/8", "Private-Use (RFC 1918)"),
            e("100.64.0.0/10", "Shared Address Space (RFC 6598)"),
            e("127.0.0.0/8", "Loopback (RFC 1122)"),
            e("169.254.0.0/16", "Link Local (RFC 3927)"),
            e("172.16.0.0/12", "Private-Use (RFC 1918)"),
            e("192.0.0.0/24", "IETF Protocol Assignments (RFC 6890), incl. DS-Lite, PCP/TURN anycast, NAT64 discovery"),
            e("192.0.2.0/24", "Documentation TEST-NET-1 (RFC 5737)"),
            e("192.31.196.0/24", "AS112-v4 (RFC 7535)"),
            e("192.52.193.0/24", "AMT (RFC 7450)"),
            e("192.88.99.0/24", "Deprecated 6to4 Relay Anycast (RFC 7526)"),
            e("192.168.0.0/16", "Private-Use (RFC 1918)"),
            e("192.175.48.0/24", "Direct Delegation AS112 Service (RFC 7534)"),
            e("198.18.0.0/15", "Benchmarking (RFC 2544)"),
            e("198.51.100.0/24", "Documentation TEST-NET-2 (RFC 5737)"),
            e("203.0.113.0/24", "Documentation TEST-NET-3 (RFC 5737)"),
            e("224.0.0.0/4", "Multicast (RFC 5771)"),
            e("240.0.0.0/4", "Reserved (RFC 1112), incl. Limited Broadcast 255.255.255.255/32 (RFC 919)"));

    public static final List<Entry> IPV6 = List.of(
            e("::/128", "Unspecified Address (RFC 4291)"),
            e("::1/128", "Loopback Address (RFC 4291)"),
            e("::/96", "Deprecated IPv4-Compatible Address (RFC 4291)"),
            e("::ffff:0:0/96", "IPv4-mapped Address (RFC 4291)"),
            e("64:ff9b::/96", "IPv4-IPv6 Translation (RFC 6052)"),
            e("64:ff9b:1::/48", "IPv4-IPv6 Translation, local use (RFC 8215)"),
            e("100::/64", "Discard-Only Address Block (RFC 6666)"),
            e("100:0:0:1::/64", "Dummy IPv6 Prefix (RFC 9780)"),
            e("2001::/23", "IETF Protocol Assignments (RFC 2928): TEREDO, benchmarking, AMT, AS112, ORCHID, DRIP"),
            e("2001:db8::/32", "Documentation (RFC 3849)"),
            e("2002::/16", "6to4 (RFC 3056)"),
            e("2620:4f:8000::/48", "Direct Delegation AS112 Service (RFC 7534)"),
            e("3fff::/20", "Documentation (RFC 9637)"),
            e("5f00::/16", "Segment Routing (SRv6) SIDs (RFC 9602)"),
            e("fc00::/7", "Unique-Local (RFC 4193)"),
            e("fe80::/10", "Link-Local Unicast (RFC 4291)"),
            e("fec0::/10", "Deprecated Site-Local (RFC 3879)"),
            e("ff00::/8", "Multicast (RFC 4291)"));

    private SpecialPurposeAddresses() {}

    /** The entry an address (4 or 16 bytes) falls in, or null for an ordinary public address. */
    public static Entry find(byte[] address) {
        if (address == null) {
            return null;
        }
        for (Entry e : address.length == 4 ? IPV4 : IPV6) {
            if (e.range().contains(address)) {
                return e;
            }
        }
        return null;
    }

    public static boolean contains(byte[] address) {
        return find(address) != null;
    }

    public static boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** For a numeric literal; false for anything that is not one (a host name is decided elsewhere). */
    public static boolean containsLiteral(String host) {
        byte[] a = IpRange.literal(host);
        return a != null && contains(a);
    }
}
