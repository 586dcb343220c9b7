package org.licensing.license.webhooks;

import java.net.InetAddress;
import java.util.Locale;

import org.licensing.common.net.IpRange;
import org.licensing.common.net.SpecialPurposeAddresses;
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

    /** The same ranges as {@link #isPrivate(String)}, for a resolved address. */
    public static boolean isPrivate(InetAddress a) {
        return a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || SpecialPurposeAddresses.contains(a);
    }

    /**
     * A host as written in a URL: local names, or a numeric address (IPv4, IPv6, IPv4-mapped)
     * in one of the IANA special-purpose blocks ({@link SpecialPurposeAddresses}, the one list).
     */
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
            a = IpRange.literal(h);
        }
        return a != null && SpecialPurposeAddresses.contains(a);
    }
}
