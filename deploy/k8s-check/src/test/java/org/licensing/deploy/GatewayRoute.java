package org.licensing.deploy;

/**
 * One route of the platform's gateway, independent of how it is written (nginx location,
 * HTTPRoute rule match, Ingress path).
 *
 * @param match   how the path is matched
 * @param path    the path ({@code /api/v1/licenses}) or, for {@link Match#PREFIX_REWRITE}, the
 *                prefix that is replaced ({@code /health/license})
 * @param service the Kubernetes Service name the route reaches ({@code license-service})
 * @param rewrite for {@link Match#PREFIX_REWRITE}: what replaces the prefix ({@code /q/health}); for
 *                {@link Match#EXACT_REWRITE}: the whole new path ({@code /q/health/ready});
 *                null otherwise
 */
record GatewayRoute(Match match, String path, String service, String rewrite) {

    enum Match {
        /** Path-prefix match, request path passed unchanged. */
        PREFIX,
        /** Exact path, passed unchanged. */
        EXACT,
        /** Path prefix replaced by {@code rewrite} (nginx {@code ~ ^/p/(.*)$ -> /r/$1}). */
        PREFIX_REWRITE,
        /** Exact path replaced whole by {@code rewrite} (nginx {@code = /p -> /r}; the health checks). */
        EXACT_REWRITE
    }

    @Override
    public String toString() {
        return match + " " + path + (rewrite != null ? " -> " + rewrite : "") + " => " + service;
    }
}
