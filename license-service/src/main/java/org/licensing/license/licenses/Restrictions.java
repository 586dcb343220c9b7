package org.licensing.license.licenses;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.licensing.common.problem.ProblemException;

/**
 * Checks the shape of domain restrictions (exact names and {@code *.example.com} wildcards) and
 * IP restrictions (addresses and CIDR blocks, IPv4 and IPv6) before they are stored, so the
 * validation path (issue 6) only ever meets well-formed entries.
 */
public final class Restrictions {

    public static final int MAX_ENTRIES = 100;

    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:]{2,39}(%\\w+)?$");

    private Restrictions() {}

    public static List<String> domains(List<String> raw, String field) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > MAX_ENTRIES) {
            throw ProblemException.invalidField(field, "at most " + MAX_ENTRIES + " entries");
        }
        List<String> out = new ArrayList<>();
        for (String d : raw) {
            String v = d == null ? "" : d.trim().toLowerCase(Locale.ROOT);
            String host = v.startsWith("*.") ? v.substring(2) : v;
            if (host.isEmpty() || host.length() > 253 || !host.contains(".") && !host.equals("localhost") || !labelsOk(host)) {
                throw ProblemException.invalidField(field, "'" + d + "' is not a domain name or *.domain wildcard");
            }
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    public static List<String> ips(List<String> raw, String field) {
        if (raw == null) {
            return null;
        }
        if (raw.size() > MAX_ENTRIES) {
            throw ProblemException.invalidField(field, "at most " + MAX_ENTRIES + " entries");
        }
        List<String> out = new ArrayList<>();
        for (String entry : raw) {
            String v = entry == null ? "" : entry.trim();
            if (!isAddressOrCidr(v)) {
                throw ProblemException.invalidField(field, "'" + entry + "' is not an IP address or CIDR block");
            }
            if (!out.contains(v)) {
                out.add(v);
            }
        }
        return out;
    }

    static boolean isAddressOrCidr(String v) {
        String addr = v;
        Integer prefix = null;
        int slash = v.indexOf('/');
        if (slash >= 0) {
            addr = v.substring(0, slash);
            try {
                prefix = Integer.parseInt(v.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        if (IPV4.matcher(addr).matches()) {
            return prefix == null || prefix >= 0 && prefix <= 32;
        }
        if (addr.contains(":") && IPV6.matcher(addr).matches() && isIpv6(addr)) {
            return prefix == null || prefix >= 0 && prefix <= 128;
        }
        return false;
    }

    private static boolean isIpv6(String addr) {
        // Literal parse only (no DNS: the string contains ':' and hex digits only).
        try {
            return java.net.InetAddress.getByName(addr) instanceof java.net.Inet6Address;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean labelsOk(String host) {
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
