package org.licensing.common.http;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.http.HttpServerRequest;

/**
 * The caller's IP and country, which rate limits, IP blocks, restrictions and anomaly checks key on:
 * the one place that decides which forwarding headers are believed.
 *
 * <p>Forwarding headers ({@code X-Forwarded-For}, {@code X-Real-IP}, a country header) are read only
 * when the connection comes from a trusted proxy ({@code licensing.http.trusted-proxies}, env
 * TRUSTED_PROXIES, CIDRs; loopback by default: the local gateway). A direct call from anywhere else
 * is the connection's own address, with no country, whatever it wrote in its headers.
 *
 * <p>Behind a trusted proxy, X-Forwarded-For is read from the right: each trusted proxy appends the
 * address it saw, so the entry {@code licensing.http.trusted-proxy-hops} (default 1, env
 * TRUSTED_PROXY_HOPS) from the end is the client, whatever the client wrote to the left of it.
 * X-Real-IP is used only without X-Forwarded-For.
 */
public final class ClientAddress {

    private static volatile Settings settings;

    record Settings(ProxyRanges trusted, int hops) {}

    private ClientAddress() {}

    /** Set at start-up (each Quarkus start, so test profiles take effect); read lazily otherwise. */
    public static void configure(String trustedProxies, int hops) {
        settings = new Settings(ProxyRanges.parse(trustedProxies), hops);
    }

    public static String of(HttpServerRequest request) {
        String remote = peer(request);
        Settings s = settings();
        if (!s.trusted().contains(remote)) {
            return remote;
        }
        return resolve(request.getHeader("X-Forwarded-For"), request.getHeader("X-Real-IP"), remote, s.hops());
    }

    /** The value of a header a trusted proxy sets (the country), or null from anyone else. */
    public static String fromProxy(HttpServerRequest request, String header) {
        return settings().trusted().contains(peer(request)) ? request.getHeader(header) : null;
    }

    /** Whether the connection comes from a trusted proxy. */
    public static boolean viaTrustedProxy(HttpServerRequest request) {
        return settings().trusted().contains(peer(request));
    }

    private static String peer(HttpServerRequest request) {
        return request.remoteAddress() != null ? request.remoteAddress().hostAddress() : "unknown";
    }

    /** Pure decision behind a trusted proxy, unit-tested. */
    static String resolve(String forwardedFor, String realIp, String remote, int hops) {
        if (forwardedFor != null && !forwardedFor.isBlank() && hops > 0) {
            String[] entries = forwardedFor.split(",");
            int index = Math.max(0, entries.length - hops);
            String candidate = entries[index].trim();
            if (!candidate.isEmpty()) {
                return candidate;
            }
        }
        if (realIp != null && !realIp.isBlank()) {
            return realIp.trim();
        }
        return remote;
    }

    private static Settings settings() {
        Settings s = settings;
        if (s == null) {
            var config = ConfigProvider.getConfig();
            s = new Settings(ProxyRanges.parse(config.getOptionalValue("licensing.http.trusted-proxies", String.class)
                    .orElse(ClientAddressConfig.LOOPBACK)),
                    config.getOptionalValue("licensing.http.trusted-proxy-hops", Integer.class).orElse(1));
            settings = s;
        }
        return s;
    }
}
