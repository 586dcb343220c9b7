package org.licensing.common.http;

import io.vertx.core.http.HttpServerRequest;

/**
 * The caller's IP. The gateway (nginx or the Kubernetes gateway) sets X-Real-IP and appends to
 * X-Forwarded-For; the services are never exposed directly, so these headers are trusted.
 */
public final class ClientAddress {

    private ClientAddress() {}

    public static String of(HttpServerRequest request) {
        String real = request.getHeader("X-Real-IP");
        if (real != null && !real.isBlank()) {
            return real.trim();
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded != null && !forwarded.isBlank()) {
            int comma = forwarded.indexOf(',');
            return (comma < 0 ? forwarded : forwarded.substring(0, comma)).trim();
        }
        return request.remoteAddress() != null ? request.remoteAddress().hostAddress() : "unknown";
    }
}
