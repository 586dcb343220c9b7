package org.licensing.license.validation;

import java.net.IDN;
import java.util.List;
import java.util.Locale;

/**
 * Domain restrictions: exact names ({@code example.com}) and wildcards ({@code *.example.com},
 * which matches any depth of subdomain but not {@code example.com} itself, as in TLS certificates
 * extended to several labels). Case-insensitive, trailing dot ignored, internationalized names
 * compared in their ASCII (punycode) form. A URL or a host with a port is reduced to its host.
 */
public final class HostPatterns {

    private HostPatterns() {}

    public static boolean allowed(List<String> patterns, String domain) {
        if (patterns == null || patterns.isEmpty()) {
            return true;
        }
        String host = normalize(domain);
        if (host == null) {
            return false;
        }
        for (String p : patterns) {
            if (matches(p, host)) {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(String pattern, String normalizedHost) {
        String p = normalize(pattern);
        if (p == null) {
            return false;
        }
        if (p.startsWith("*.")) {
            String suffix = p.substring(1); // ".example.com"
            return normalizedHost.endsWith(suffix) && normalizedHost.length() > suffix.length();
        }
        return p.equals(normalizedHost);
    }

    /** The bare lower-case ASCII host of a domain, host:port or URL; null when there is none. */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && s.indexOf(':', colon + 1) < 0) {
            s = s.substring(0, colon);
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty()) {
            return null;
        }
        try {
            boolean wildcard = s.startsWith("*.");
            String ascii = IDN.toASCII(wildcard ? s.substring(2) : s, IDN.ALLOW_UNASSIGNED);
            return (wildcard ? "*." : "") + ascii.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
