package org.licensing.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) and whether an address falls in it.
 * Only numeric literals are parsed (never a DNS look-up). IPv4 and IPv6 are separate families:
 * an IPv4 block never matches a 16-byte address (callers decide how to treat IPv4-mapped ones;
 * Java's {@link InetAddress} already turns {@code ::ffff:a.b.c.d} into IPv4).
 */
public record IpRange(byte[] network, int prefix) {

    private static final Pattern LITERAL_V6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern LITERAL_V4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** {@code a.b.c.d/n} or {@code x::y/n}; a bare address is a /32 or /128. */
    public static IpRange parse(String cidr) {
        String s = cidr.trim();
        int slash = s.indexOf('/');
        byte[] address = literal(slash < 0 ? s : s.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("Not an IP address or CIDR block: " + cidr);
        }
        int prefix = address.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Bad prefix length in " + cidr, e);
            }
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("Bad prefix length in " + cidr);
            }
        }
        return new IpRange(address, prefix);
    }

    /** The bytes of a numeric IPv4/IPv6 literal (brackets and a zone id allowed), or null. */
    public static byte[] literal(String s) {
        if (s == null) {
            return null;
        }
        String h = s.trim();
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        int zone = h.indexOf('%');
        if (zone >= 0) {
            h = h.substring(0, zone);
        }
        // Only shapes InetAddress parses without resolving: IPv6 has a colon, IPv4 is four decimal parts.
        boolean v6 = h.indexOf(':') >= 0;
        if (h.isEmpty() || !(v6 ? LITERAL_V6 : LITERAL_V4).matcher(h).matches()) {
            return null;
        }
        try {
            byte[] a = InetAddress.getByName(h).getAddress(); // a numeric literal: no look-up happens
            if (v6 && a.length == 4) { // Java turned ::ffff:a.b.c.d into IPv4; as written it is IPv6
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(a, 0, mapped, 12, 4);
                return mapped;
            }
            return a;
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    public boolean contains(byte[] address) {
        if (address == null || address.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[full] & mask) == (network[full] & mask);
    }

    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }
}
