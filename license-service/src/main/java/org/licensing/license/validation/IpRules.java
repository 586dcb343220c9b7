package org.licensing.license.validation;

import java.util.List;

/**
 * IP restrictions: single addresses and CIDR blocks, IPv4 and IPv6, parsed in pure Java (no
 * {@code InetAddress.getByName}, which may resolve names). An IPv4-mapped IPv6 address
 * ({@code ::ffff:203.0.113.7}) is compared as the IPv4 address it carries.
 */
public final class IpRules {

    private IpRules() {}

    public static boolean allowed(List<String> rules, String ip) {
        if (rules == null || rules.isEmpty()) {
            return true;
        }
        byte[] address = parse(ip);
        if (address == null) {
            return false;
        }
        for (String rule : rules) {
            if (matches(rule, address)) {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(String rule, byte[] address) {
        if (rule == null) {
            return false;
        }
        String r = rule.trim();
        int slash = r.indexOf('/');
        byte[] network = parse(slash < 0 ? r : r.substring(0, slash));
        if (network == null || network.length != address.length) {
            return false;
        }
        int bits = network.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(r.substring(slash + 1));
            } catch (NumberFormatException e) {
                return false;
            }
            if (network.length == 4 && r.contains(":")) {
                bits -= 96; // an IPv4-mapped rule (::ffff:10.0.0.0/104) is an IPv4 rule
            }
            if (bits < 0 || bits > network.length * 8) {
                return false;
            }
        }
        for (int i = 0; i < network.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((network[i] & mask) != (address[i] & mask)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a rule (address or CIDR) is well formed. */
    public static boolean isValidRule(String rule) {
        if (rule == null) {
            return false;
        }
        int slash = rule.indexOf('/');
        byte[] a = parse(slash < 0 ? rule.trim() : rule.trim().substring(0, slash));
        if (a == null) {
            return false;
        }
        if (slash < 0) {
            return true;
        }
        try {
            int bits = Integer.parseInt(rule.trim().substring(slash + 1));
            return bits >= 0 && bits <= (rule.contains(":") ? 128 : 32);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** 4 bytes for IPv4 (and IPv4-mapped IPv6), 16 for IPv6, null when not an address literal. */
    public static byte[] parse(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        int zone = t.indexOf('%');
        if (zone >= 0) {
            t = t.substring(0, zone);
        }
        if (t.isEmpty()) {
            return null;
        }
        if (t.indexOf(':') < 0) {
            return parseV4(t);
        }
        byte[] v6 = parseV6(t);
        if (v6 != null && isV4Mapped(v6)) {
            return new byte[] { v6[12], v6[13], v6[14], v6[15] };
        }
        return v6;
    }

    private static boolean isV4Mapped(byte[] a) {
        for (int i = 0; i < 10; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF;
    }

    private static byte[] parseV4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] parseV6(String s) {
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] t = groups(tail);
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if (dbl < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int pos = 8 - t.length + i;
            out[2 * pos] = (byte) (t[i] >> 8);
            out[2 * pos + 1] = (byte) t[i];
        }
        return out;
    }

    /** Hex groups of one side of "::"; a trailing dotted IPv4 counts as two groups. */
    private static int[] groups(String side) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int n = parts.length;
        boolean v4Tail = parts[n - 1].contains(".");
        int[] out = new int[v4Tail ? n + 1 : n];
        for (int i = 0; i < (v4Tail ? n - 1 : n); i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 4 || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return null;
            }
            try {
                out[i] = Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (v4Tail) {
            byte[] v4 = parseV4(parts[n - 1]);
            if (v4 == null) {
                return null;
            }
            out[n - 1] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
            out[n] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
        }
        return out;
    }
}
