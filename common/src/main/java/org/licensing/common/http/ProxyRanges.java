package org.licensing.common.http;

import java.util.ArrayList;
import java.util.List;

import org.licensing.common.net.IpRange;

/**
 * The address ranges (CIDR) of the proxies whose forwarding headers are believed: the gateway, a
 * load balancer. Anyone else who reaches a service's port directly is identified by the connection's
 * own address, whatever headers they send. Pure: parsed once, matched per request on raw bytes.
 */
public final class ProxyRanges {

    private final List<IpRange> ranges;

    private ProxyRanges(List<IpRange> ranges) {
        this.ranges = ranges;
    }

    /** Comma-separated CIDRs ({@code 10.0.0.0/8, ::1/128}); a bare address is a /32 or /128. */
    public static ProxyRanges parse(String cidrs) {
        List<IpRange> ranges = new ArrayList<>();
        for (String part : cidrs == null ? new String[0] : cidrs.split(",")) {
            String cidr = part.trim();
            if (!cidr.isEmpty()) {
                ranges.add(IpRange.parse(cidr)); // one CIDR rule for the platform (common/net)
            }
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
        for (IpRange r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The bytes of an IP literal, or null; never a DNS look-up. An IPv4-mapped IPv6 peer
     * ({@code ::ffff:10.0.0.7}, as a dual-stack socket reports it) is the IPv4 proxy it is.
     */
    static byte[] literal(String s) {
        byte[] a = IpRange.literal(s);
        if (a != null && a.length == 16 && isV4Mapped(a)) {
            byte[] v4 = new byte[4];
            System.arraycopy(a, 12, v4, 0, 4);
            return v4;
        }
        return a;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return a[10] == (byte) 0xFF && a[11] == (byte) 0xFF;
    }
}
