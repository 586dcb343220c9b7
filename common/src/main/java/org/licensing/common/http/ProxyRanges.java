package org.licensing.common.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The address ranges (CIDR) of the proxies whose forwarding headers are believed: the gateway, a
 * load balancer. Anyone else who reaches a service's port directly is identified by the connection's
 * own address, whatever headers they send. Pure: parsed once, matched per request on raw bytes.
 */
public final class ProxyRanges {

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
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
    }

    private final List<Range> ranges;

    private ProxyRanges(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Comma-separated CIDRs ({@code 10.0.0.0/8, ::1/128}); a bare address is a /32 or /128. */
    public static ProxyRanges parse(String cidrs) {
        List<Range> ranges = new ArrayList<>();
        for (String part : cidrs == null ? new String[0] : cidrs.split(",")) {
            String cidr = part.trim();
            if (cidr.isEmpty()) {
                continue;
            }
            int slash = cidr.indexOf('/');
            byte[] network = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException("Not an IP range: " + cidr);
            }
            int prefix;
            try {
                prefix = slash < 0 ? network.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not an IP range: " + cidr);
            }
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("Not an IP range: " + cidr);
            }
            ranges.add(new Range(network, prefix));
        }
        return new ProxyRanges(List.copyOf(ranges));
    }

    public boolean contains(String address) {
        if (ranges.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** The bytes of an IP literal (IPv4-mapped IPv6 as IPv4), or null; never a DNS look-up. */
    static byte[] literal(String s) {
        String a = s.trim();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        boolean v4 = a.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')) && a.indexOf('.') > 0;
        boolean v6 = a.indexOf(':') >= 0 && a.chars().allMatch(c -> c == ':' || c == '.' || c == '%'
                || Character.digit(c, 16) >= 0 || Character.isLetterOrDigit(c));
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(a).getAddress(); // a literal: parsed, not resolved
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }
}
