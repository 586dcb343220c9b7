package org.licensing.deploy;

import static org.licensing.deploy.Manifests.at;
import static org.licensing.deploy.Manifests.list;
import static org.licensing.deploy.Manifests.map;
import static org.licensing.deploy.Manifests.str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rendered HTTPRoutes and Ingresses as {@link GatewayRoute}s (with the Service port they
 * name), refusing anything that would make a route differ from the local gateway's: extra match
 * conditions (headers, methods, query), several backends, filters other than a prefix rewrite.
 */
final class KubeRoutes {

    private KubeRoutes() {}

    /** A route as a Kubernetes object states it, with the backend port and where it was found. */
    record Backed(GatewayRoute route, int port, String source, java.util.Set<String> removedHeaders) {}

    private static final String REWRITE_TARGET = "nginx.ingress.kubernetes.io/rewrite-target";
    private static final String USE_REGEX = "nginx.ingress.kubernetes.io/use-regex";
    private static final Pattern CAPTURE_REST = Pattern.compile("(/[A-Za-z0-9_/-]*?)/?\\(\\.\\*\\)");
    /** {@code /prefix/(a|b|c)$}: a closed list of exact paths, each rewritten to the target with $1. */
    private static final Pattern CAPTURE_ONE_OF = Pattern.compile("(/[A-Za-z0-9_/-]*?)/\\(([a-z]+(?:\\|[a-z]+)*)\\)\\$");

    static List<Backed> fromHttpRoutes(Manifests m) {
        List<Backed> out = new ArrayList<>();
        for (Map<String, Object> route : m.ofKind("HTTPRoute")) {
            String source = Manifests.id(route);
            int ruleIndex = 0;
            for (Map<String, Object> rule : list(route, "spec", "rules")) {
                String where = source + " rule " + ruleIndex++;
                List<Map<String, Object>> backends = list(rule, "backendRefs");
                if (backends.size() != 1) {
                    throw new AssertionError(where + ": expected exactly one backendRef, got " + backends.size());
                }
                Map<String, Object> backend = backends.get(0);
                String kind = str(backend, "kind");
                if (kind != null && !"Service".equals(kind)) {
                    throw new AssertionError(where + ": backend kind " + kind + " is not a Service");
                }
                String rewrite = null;
                boolean fullPath = false;
                java.util.Set<String> removed = new java.util.TreeSet<>();
                for (Map<String, Object> filter : list(rule, "filters")) {
                    if ("RequestHeaderModifier".equals(str(filter, "type"))) {
                        Map<String, Object> mod = map(filter, "requestHeaderModifier");
                        if (mod.containsKey("set") || mod.containsKey("add")) {
                            throw new AssertionError(where + ": header set/add has no counterpart in the local gateway: " + filter);
                        }
                        Manifests.values(mod, "remove").forEach(h -> removed.add(h.toString().toLowerCase(java.util.Locale.ROOT)));
                        continue;
                    }
                    String pathType = str(filter, "urlRewrite", "path", "type");
                    if (!"URLRewrite".equals(str(filter, "type"))
                            || !("ReplacePrefixMatch".equals(pathType) || "ReplaceFullPath".equals(pathType))
                            || at(filter, "urlRewrite", "hostname") != null) {
                        throw new AssertionError(where + ": unsupported filter " + filter);
                    }
                    fullPath = "ReplaceFullPath".equals(pathType);
                    rewrite = str(filter, "urlRewrite", "path", fullPath ? "replaceFullPath" : "replacePrefixMatch");
                }
                List<Map<String, Object>> matches = list(rule, "matches");
                if (matches.isEmpty()) {
                    throw new AssertionError(where + ": no matches means every path goes to " + str(backend, "name"));
                }
                for (Map<String, Object> match : matches) {
                    for (String extra : List.of("headers", "method", "queryParams")) {
                        if (match.containsKey(extra)) {
                            throw new AssertionError(where + ": match on " + extra + " has no counterpart in the local gateway");
                        }
                    }
                    String type = str(match, "path", "type");
                    String value = str(match, "path", "value");
                    GatewayRoute.Match kindOfMatch;
                    if (fullPath && "Exact".equals(type)) {
                        kindOfMatch = GatewayRoute.Match.EXACT_REWRITE;
                    } else if (fullPath) {
                        throw new AssertionError(where + ": ReplaceFullPath on a prefix match would hide the rest of the path");
                    } else if (type == null || "PathPrefix".equals(type)) {
                        kindOfMatch = rewrite == null ? GatewayRoute.Match.PREFIX : GatewayRoute.Match.PREFIX_REWRITE;
                    } else if ("Exact".equals(type) && rewrite == null) {
                        kindOfMatch = GatewayRoute.Match.EXACT;
                    } else {
                        throw new AssertionError(where + ": unsupported path match " + match + " (rewrite " + rewrite + ")");
                    }
                    out.add(new Backed(new GatewayRoute(kindOfMatch, value == null ? "/" : value, str(backend, "name"), rewrite),
                            port(backend.get("port"), where), where, removed));
                }
            }
        }
        return out;
    }

    static List<Backed> fromIngresses(Manifests m) {
        List<Backed> out = new ArrayList<>();
        for (Map<String, Object> ingress : m.ofKind("Ingress")) {
            String source = Manifests.id(ingress);
            Map<String, Object> annotations = map(ingress, "metadata", "annotations");
            String rewriteTarget = str(annotations, REWRITE_TARGET);
            boolean regex = "true".equals(str(annotations, USE_REGEX));
            if (at(ingress, "spec", "defaultBackend") != null) {
                throw new AssertionError(source + ": a default backend has no counterpart in the local gateway (unknown paths get 404)");
            }
            for (Map<String, Object> rule : list(ingress, "spec", "rules")) {
                for (Map<String, Object> p : list(rule, "http", "paths")) {
                    String path = str(p, "path");
                    String type = str(p, "pathType");
                    String where = source + " path " + path;
                    String service = str(p, "backend", "service", "name");
                    int port = port(at(p, "backend", "service", "port", "number"), where);
                    GatewayRoute route;
                    Matcher oneOf = CAPTURE_ONE_OF.matcher(path);
                    if (rewriteTarget != null && oneOf.matches()) {
                        if (!regex || !"ImplementationSpecific".equals(type) || !rewriteTarget.endsWith("$1")) {
                            throw new AssertionError(where + ": rewrite-target " + rewriteTarget + " needs use-regex and ImplementationSpecific");
                        }
                        String target = rewriteTarget.substring(0, rewriteTarget.length() - 2);
                        for (String word : oneOf.group(2).split("\\|")) {
                            out.add(new Backed(new GatewayRoute(GatewayRoute.Match.EXACT_REWRITE, oneOf.group(1) + "/" + word, service,
                                    target + word), port, where, java.util.Set.of()));
                        }
                        continue;
                    }
                    if (rewriteTarget != null) {
                        // rewrite-target applies to every path of this Ingress: each must capture the rest.
                        Matcher c = CAPTURE_REST.matcher(path);
                        if (!regex || !"ImplementationSpecific".equals(type) || !c.matches() || !rewriteTarget.endsWith("$1")) {
                            throw new AssertionError(where + ": rewrite-target " + rewriteTarget
                                    + " needs use-regex, ImplementationSpecific and a /prefix/(.*) path");
                        }
                        String target = rewriteTarget.substring(0, rewriteTarget.length() - 2);
                        if (target.length() > 1 && target.endsWith("/")) {
                            target = target.substring(0, target.length() - 1);
                        }
                        route = new GatewayRoute(GatewayRoute.Match.PREFIX_REWRITE, c.group(1), service, target);
                    } else if ("Prefix".equals(type)) {
                        route = new GatewayRoute(GatewayRoute.Match.PREFIX, path, service, null);
                    } else if ("Exact".equals(type)) {
                        route = new GatewayRoute(GatewayRoute.Match.EXACT, path, service, null);
                    } else {
                        throw new AssertionError(where + ": unsupported pathType " + type);
                    }
                    out.add(new Backed(route, port, where, java.util.Set.of()));
                }
            }
        }
        return out;
    }

    private static int port(Object value, String where) {
        if (value instanceof Number n) {
            return n.intValue();
        }
        throw new AssertionError(where + ": backend port must be a number, got " + value);
    }
}
