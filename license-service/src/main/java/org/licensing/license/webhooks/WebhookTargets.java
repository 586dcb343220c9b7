package org.licensing.license.webhooks;

import java.util.Locale;

import org.licensing.license.validation.IpRules;

/**
 * Refuses webhook URLs aimed at the platform's own network (a seller could otherwise make the
 * service POST to internal addresses). Checks the host as written, without a DNS look-up: names
 * that resolve to private addresses are a residual risk the network policy must cover.
 */
public final class WebhookTargets {

    private WebhookTargets() {}

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
