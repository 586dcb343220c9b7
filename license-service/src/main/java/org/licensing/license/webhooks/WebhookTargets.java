package org.licensing.license.webhooks;

import java.net.InetAddress;
import java.util.Locale;

import org.licensing.license.validation.IpRules;

/**
 * Refuses webhook URLs aimed at the platform's own network (a seller could otherwise make the
 * service POST to internal addresses): the host as written when an endpoint is saved
 * ({@link #isPrivate(String)}, no DNS look-up on the request path), and every address the host
 * resolves to when a delivery is sent ({@link #publicAddress}), so a public-looking name that
 * points inside is refused too.
 */
public final class WebhookTargets {

    private WebhookTargets() {}

    /** A resolved address that is not allowed as a webhook target. */
    public static final class PrivateTargetException extends RuntimeException {
        public PrivateTargetException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The address to send to: the first of those {@code host} resolved to, provided none of them is
     * private (a name with one private answer could be rebound to it by the resolver).
     */
    public static InetAddress publicAddress(String host, InetAddress[] resolved) {
        if (resolved == null || resolved.length == 0) {
            throw new PrivateTargetException(host + " resolves to no address");
        }
        for (InetAddress a : resolved) {
            if (isPrivate(a)) {
                throw new PrivateTargetException(host + " resolves to a private address (" + a.getHostAddress() + ")");
            }
        }
        return resolved[0];
    }

    /** The same ranges as {@link #isPrivate(String)}, for a resolved address (plus multicast). */
    public static boolean isPrivate(InetAddress a) {
        String literal = a.getHostAddress();
        int scope = literal.indexOf('%');
        return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || isPrivate(scope < 0 ? literal : literal.substring(0, scope));
    }

    public static boolean isPrivate(String host) {
        if (host == null) {
            return true;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) {
            return true;
        }
        byte[] a = IpRules.parse(h);
        if (a == null) {
            return false;
        }
        if (a.length == 4) {
            int b0 = a[0] & 0xFF;
            int b1 = a[1] & 0xFF;
            return b0 == 0 || b0 == 10 || b0 == 127 || (b0 == 169 && b1 == 254) || (b0 == 172 && b1 >= 16 && b1 <= 31)
                    || (b0 == 192 && b1 == 168) || (b0 == 100 && b1 >= 64 && b1 <= 127);
        }
        boolean allZeroButLast = true;
        for (int i = 0; i < 15; i++) {
            allZeroButLast &= a[i] == 0;
        }
        int first = a[0] & 0xFF;
        return allZeroButLast // :: and ::1
                || (first & 0xFE) == 0xFC // fc00::/7 unique local
                || (first == 0xFE && (a[1] & 0xC0) == 0x80); // fe80::/10 link local
    }
}
