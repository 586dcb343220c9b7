package org.licensing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.licensing.deploy.Manifests.list;
import static org.licensing.deploy.Manifests.str;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster routes exactly as the local gateway does: every proxied location of
 * deploy/local/nginx.conf.template is in the HTTPRoutes and in the Ingress, to the same service,
 * with the same kind of match and rewrite, and nothing else is routed.
 */
class GatewayRoutesTest {

    static List<GatewayRoute> localGateway() throws IOException {
        return NginxRoutes.parse(Files.readString(Repo.path("deploy/local/nginx.conf.template")));
    }

    static java.util.stream.Stream<String> overlays() {
        return Overlays.all();
    }

    @Test
    void localGatewayReadsAsOneOwnerPerPrefix() throws IOException {
        List<GatewayRoute> routes = localGateway();
        Set<String> services = Set.copyOf(Overlays.services());
        Set<String> backends = new java.util.HashSet<>(services);
        backends.add(Overlays.CONSOLE);
        for (GatewayRoute r : routes) {
            assertTrue(backends.contains(r.service()), r + ": upstream is not one of the service modules or the console " + backends);
        }
        assertTrue(routes.contains(new GatewayRoute(GatewayRoute.Match.PREFIX, "/", "console", null)), "the console at / " + routes);
        // The design's routes (DESIGN section 1): a sample of each kind, so a parser that reads
        // nothing, or reads the wrong service, cannot pass.
        assertTrue(routes.contains(new GatewayRoute(GatewayRoute.Match.PREFIX, "/api/v1/licenses", "license-service", null)), routes.toString());
        assertTrue(routes.contains(new GatewayRoute(GatewayRoute.Match.PREFIX, "/api/v1/devices", "device-service", null)), routes.toString());
        assertTrue(routes.contains(new GatewayRoute(GatewayRoute.Match.EXACT, "/api/heartbeat.php", "session-service", null)), routes.toString());
        // Only the exact health checks reach /q (issue 15: a prefix let /health/x/%252e%252e/metrics through).
        assertTrue(routes.contains(new GatewayRoute(GatewayRoute.Match.EXACT_REWRITE, "/health/stats/ready", "stats-service", "/q/health/ready")), routes.toString());
        assertEquals(3, routes.stream().filter(r -> r.match() == GatewayRoute.Match.EXACT).count(), "legacy .php endpoints");
        assertEquals(3 * services.size(), routes.stream().filter(r -> r.match() == GatewayRoute.Match.EXACT_REWRITE).count(), "health routes");
        assertEquals(0, routes.stream().filter(r -> r.match() == GatewayRoute.Match.PREFIX_REWRITE).count(), "prefix rewrites");
        assertTrue(routes.stream().noneMatch(r -> r.rewrite() != null && !r.rewrite().startsWith("/q/health/")), routes.toString());
        assertEquals(routes.size(), Set.copyOf(routes).size(), "a route is listed twice");
    }

    @Test
    void nginxReaderRefusesWhatItCannotTranslate() {
        assertEquals(List.of(new GatewayRoute(GatewayRoute.Match.PREFIX, "/a", "x-service", null)),
                NginxRoutes.parse("# location /commented { proxy_pass http://y_service; }\n"
                        + "location /a { proxy_pass http://x_service; }\nlocation / { return 404 '{\"a\":1}'; }"));
        assertEquals(List.of(new GatewayRoute(GatewayRoute.Match.PREFIX, "/", "console", null)),
                NginxRoutes.parse("location /assets/ { root /x; }\nlocation / { root /x; try_files $uri /index.html; }"), "the console's files");
        assertThrows(IllegalArgumentException.class,
                () -> NginxRoutes.parse("location /a/ { proxy_pass http://x_service/; }"), "prefix replaced by /");
        assertThrows(IllegalArgumentException.class,
                () -> NginxRoutes.parse("location ~ ^/a/(\\d+)$ { proxy_pass http://x_service/b/$1; }"), "arbitrary regex");
        assertThrows(IllegalArgumentException.class,
                () -> NginxRoutes.parse("location /a { if ($x) { proxy_pass http://x_service; } }"), "unread proxy_pass");
        assertEquals(Set.of("x-country-code"), NginxRoutes.clearedHeaders(
                "proxy_set_header X-Real-IP $remote_addr;\nproxy_set_header Connection \"\";\nproxy_set_header X-Country-Code \"\";\nlocation /a { proxy_pass http://x_service; }"));
        assertThrows(IllegalArgumentException.class, () -> NginxRoutes.clearedHeaders(
                "location /a { proxy_set_header X-A 1; proxy_pass http://x_service; }"), "location-level headers");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void httpRoutesRouteExactlyAsTheLocalGateway(String overlay) throws IOException {
        Manifests m = Manifests.overlay(overlay);
        List<KubeRoutes.Backed> routes = KubeRoutes.fromHttpRoutes(m);
        assertSameRoutes(m, "HTTPRoutes", routes);

        // Headers the local gateway clears (X-Country-Code: the services trust the gateway's) are
        // removed on every rule, so clients cannot forge them through the cluster gateway either.
        Set<String> cleared = NginxRoutes.clearedHeaders(Files.readString(Repo.path("deploy/local/nginx.conf.template")));
        for (KubeRoutes.Backed b : routes) {
            assertTrue(b.removedHeaders().containsAll(cleared), b.source() + " must remove " + cleared + ", removes " + b.removedHeaders());
        }

        Set<String> gateways = m.ofKind("Gateway").stream().map(Manifests::name).collect(Collectors.toSet());
        assertEquals(1, gateways.size(), overlay + ": one Gateway expected, got " + gateways);
        for (Map<String, Object> route : m.ofKind("HTTPRoute")) {
            List<Map<String, Object>> parents = list(route, "spec", "parentRefs");
            assertTrue(!parents.isEmpty() && parents.stream().allMatch(p -> gateways.contains(str(p, "name"))),
                    overlay + ": " + Manifests.id(route) + " is not attached to the Gateway " + gateways);
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void ingressRoutesExactlyAsTheLocalGateway(String overlay) throws IOException {
        Manifests m = Manifests.overlay(overlay);
        assertSameRoutes(m, "Ingress", KubeRoutes.fromIngresses(m));
        Set<String> classes = m.ofKind("Ingress").stream().map(i -> str(i, "spec", "ingressClassName")).collect(Collectors.toSet());
        assertEquals(1, classes.size(), overlay + ": every Ingress must use the same ingress class, got " + classes);
    }

    private static void assertSameRoutes(Manifests m, String what, List<KubeRoutes.Backed> found) throws IOException {
        List<GatewayRoute> expected = localGateway();
        Map<GatewayRoute, List<String>> bySource = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (KubeRoutes.Backed b : found) {
            bySource.computeIfAbsent(b.route(), k -> new ArrayList<>()).add(b.source());
            // The backend is a Service of the render, on the port that Service exposes.
            var service = m.find("Service", b.route().service());
            if (service.isEmpty()) {
                problems.add(b.source() + ": backend Service " + b.route().service() + " does not exist");
            } else if (list(service.get(), "spec", "ports").stream().noneMatch(p -> p.get("port") instanceof Number n && n.intValue() == b.port())) {
                problems.add(b.source() + ": Service " + b.route().service() + " has no port " + b.port());
            }
        }
        Set<GatewayRoute> missing = new LinkedHashSet<>(expected);
        missing.removeAll(bySource.keySet());
        Set<GatewayRoute> extra = new LinkedHashSet<>(bySource.keySet());
        expected.forEach(extra::remove);
        missing.forEach(r -> problems.add("missing in the " + what + ": " + r + " (local gateway has it)"));
        extra.forEach(r -> problems.add("not in the local gateway: " + r + " from " + bySource.get(r)));
        bySource.forEach((r, sources) -> {
            if (sources.size() > 1) {
                problems.add("routed twice: " + r + " in " + sources);
            }
        });
        // Two routes for one path to different services would make the owner ambiguous.
        Map<String, Set<String>> owners = new HashMap<>();
        bySource.keySet().forEach(r -> owners.computeIfAbsent(r.match() + " " + r.path(), k -> new LinkedHashSet<>()).add(r.service()));
        owners.forEach((path, svcs) -> {
            if (svcs.size() > 1) {
                problems.add(path + " has several owners " + svcs);
            }
        });
        if (!problems.isEmpty()) {
            fail(m.overlay + ": " + what + " differ from deploy/local/nginx.conf.template:\n  " + String.join("\n  ", problems));
        }
        assertEquals(expected.size(), found.size(), m.overlay + ": " + what + " route count");
    }
}
