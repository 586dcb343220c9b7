package org.licensing.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the proxied locations of the local gateway (deploy/local/nginx.conf.template) as
 * {@link GatewayRoute}s. Deliberately strict: a proxied location it cannot translate fails the
 * test instead of being skipped, so a new kind of route in nginx forces the Kubernetes routes
 * (and this reader) to be taught about it.
 */
final class NginxRoutes {

    private NginxRoutes() {}

    /** The backend of the console's location: the Service of deploy/k8s/base/console.yaml. */
    static final String CONSOLE = "console";

    private static final Pattern LOCATION = Pattern.compile(
            "location\\s+(?:(=|~\\*?|\\^~)\\s+)?(\\S+)\\s*\\{([^}]*)\\}");
    private static final Pattern PROXY_PASS = Pattern.compile("proxy_pass\\s+http://([A-Za-z0-9_.-]+)([^;\\s]*)\\s*;");
    /** {@code ^/literal/(.*)$}: a prefix whose remainder is captured whole. */
    private static final Pattern CAPTURE_REST = Pattern.compile("\\^(/[A-Za-z0-9_/-]*?)/?\\(\\.\\*\\)\\$");

    static List<GatewayRoute> parse(String config) {
        String text = stripComments(config);
        List<GatewayRoute> routes = new ArrayList<>();
        int served = 0; // routes to the console's files, which have no proxy_pass
        Matcher m = LOCATION.matcher(text);
        while (m.find()) {
            String modifier = m.group(1);
            String path = m.group(2);
            Matcher pass = PROXY_PASS.matcher(m.group(3));
            if (!pass.find()) {
                // The console's files (try_files ... /index.html): the console Service in the cluster.
                if (m.group(3).matches("(?s).*\\btry_files\\s[^;]*/index\\.html\\s*;.*")) {
                    routes.add(new GatewayRoute(GatewayRoute.Match.PREFIX, path, CONSOLE, null));
                    served++;
                }
                continue; // e.g. a location answering 404 itself
            }
            if (m.group(3).contains("{")) {
                throw new IllegalArgumentException("Location " + path + " proxies inside a nested block: not translated");
            }
            String service = pass.group(1).replace('_', '-');
            String uri = pass.group(2);
            if (modifier == null || "^~".equals(modifier)) {
                requireNoUri(path, uri);
                routes.add(new GatewayRoute(GatewayRoute.Match.PREFIX, path, service, null));
            } else if ("=".equals(modifier)) {
                if (uri.isEmpty()) {
                    routes.add(new GatewayRoute(GatewayRoute.Match.EXACT, path, service, null));
                } else if (uri.contains("$")) {
                    throw new IllegalArgumentException("Location = " + path + " rewrites with a variable: not translated");
                } else {
                    routes.add(new GatewayRoute(GatewayRoute.Match.EXACT_REWRITE, path, service, uri));
                }
            } else {
                Matcher re = CAPTURE_REST.matcher(path);
                if (!re.matches() || !uri.endsWith("$1")) {
                    throw new IllegalArgumentException("Unsupported regex location `" + path + "` -> `" + uri
                            + "`: only ^/prefix/(.*)$ proxied to /target/$1 is translated to Kubernetes routes");
                }
                String target = uri.substring(0, uri.length() - 2);
                routes.add(new GatewayRoute(GatewayRoute.Match.PREFIX_REWRITE, trimSlash(re.group(1)), service, trimSlash(target)));
            }
        }
        int proxied = countMatches(PROXY_PASS, text);
        if (proxied != routes.size() - served) {
            throw new IllegalArgumentException("Read " + (routes.size() - served) + " proxied routes but the file has " + proxied
                    + " proxy_pass lines: a location was not understood");
        }
        return List.copyOf(routes);
    }

    private static final Pattern CLEARED_HEADER = Pattern.compile("proxy_set_header\\s+([A-Za-z0-9-]+)\\s+(?:\"\"|'')\\s*;");

    /**
     * Request headers the gateway clears before proxying ({@code proxy_set_header Name "";}), lower
     * case, hop-by-hop headers left out. Only server-level settings are supported: a location with its own proxy_set_header
     * would stop inheriting them, which this reader refuses.
     */
    static java.util.Set<String> clearedHeaders(String config) {
        String text = stripComments(config);
        Matcher loc = LOCATION.matcher(text);
        while (loc.find()) {
            if (loc.group(3).contains("proxy_set_header")) {
                throw new IllegalArgumentException("Location " + loc.group(2) + " sets its own headers: not translated");
            }
        }
        java.util.Set<String> out = new java.util.TreeSet<>();
        Matcher m = CLEARED_HEADER.matcher(text);
        while (m.find()) {
            out.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        // Hop-by-hop headers (Connection "" keeps upstream connections alive) are every proxy's own business.
        out.removeAll(java.util.Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"));
        return out;
    }

    private static void requireNoUri(String path, String uri) {
        if (!uri.isEmpty()) { // any URI part, even "/", replaces the matched prefix
            throw new IllegalArgumentException("Location " + path + " rewrites to `" + uri + "`: not translated");
        }
    }

    private static String trimSlash(String s) {
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static int countMatches(Pattern p, String text) {
        Matcher m = p.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Drops `#` comments outside quoted strings. */
    static String stripComments(String config) {
        StringBuilder out = new StringBuilder(config.length());
        char quote = 0;
        boolean comment = false;
        for (char c : config.toCharArray()) {
            if (comment) {
                if (c == '\n') {
                    comment = false;
                    out.append(c);
                }
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#') {
                comment = true;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}
