package org.licensing.common.http;

import org.eclipse.microprofile.config.ConfigProvider;

import io.vertx.core.http.HttpServerRequest;

/**
 * The caller's IP, which rate limits, IP blocks, restrictions and anomaly checks key on.
 * X-Forwarded-For is read from the right: each trusted proxy (the bundled nginx, a Kubernetes
 * gateway) appends the address it saw, so the entry {@code licensing.http.trusted-proxy-hops}
 * (default 1, env TRUSTED_PROXY_HOPS) from the end is the client, whatever the client wrote to
 * the left of it. X-Real-IP is used only without X-Forwarded-For (the services are never exposed
 * without a gateway in front).
 */
public final class ClientAddress {

    private static volatile int trustedHops = -1;

    private ClientAddress() {}

    public static String of(HttpServerRequest request) {
        String remote = request.remoteAddress() != null ? request.remoteAddress().hostAddress() : "unknown";
        return resolve(request.getHeader("X-Forwarded-For"), request.getHeader("X-Real-IP"), remote, trustedHops());
    }

    /** Pure decision, unit-tested. */
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

    private static int trustedHops() {
        int h = trustedHops;
        if (h < 0) {
            h = ConfigProvider.getConfig().getOptionalValue("licensing.http.trusted-proxy-hops", Integer.class).orElse(1);
            trustedHops = h;
        }
        return h;
    }
}
