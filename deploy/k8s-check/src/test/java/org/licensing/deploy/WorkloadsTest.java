package org.licensing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.licensing.deploy.Manifests.at;
import static org.licensing.deploy.Manifests.list;
import static org.licensing.deploy.Manifests.map;
import static org.licensing.deploy.Manifests.str;
import static org.licensing.deploy.Manifests.values;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Operating rules every rendered workload follows: probes, resources, a restricted security
 * context, graceful shutdown, metrics scraping; and for each service a Service, an autoscaler and
 * a disruption budget that really select its pods.
 */
class WorkloadsTest {

    static Stream<String> overlays() {
        return Overlays.all();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceModuleIsDeployed(String overlay) {
        Manifests m = Manifests.overlay(overlay);
        Set<String> deployments = m.ofKind("Deployment").stream().map(Manifests::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(Overlays.services());
        expected.add(Overlays.CONSOLE);
        assertEquals(expected, deployments, overlay + ": one Deployment per service module, and the console");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasProbesResourcesAndARestrictedSecurityContext(String overlay) {
        Manifests m = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> d : m.ofKind("Deployment")) {
            String id = Manifests.id(d);
            Map<String, Object> pod = map(d, "spec", "template", "spec");
            List<Map<String, Object>> containers = list(pod, "containers");
            if (containers.isEmpty()) {
                problems.add(id + ": no containers");
            }
            for (Map<String, Object> c : containers) {
                String where = id + " container " + str(c, "name");
                Set<Object> ports = containerPorts(c);
                if (Overlays.isService(d)) {
                    probe(problems, where, c, "livenessProbe", "/q/health/live", ports);
                    probe(problems, where, c, "readinessProbe", "/q/health/ready", ports);
                    probe(problems, where, c, "startupProbe", "/q/health/started", ports);
                } else {
                    // The console's nginx answers /healthz itself (console/deploy/nginx.conf).
                    probe(problems, where, c, "livenessProbe", "/healthz", ports);
                    probe(problems, where, c, "readinessProbe", "/healthz", ports);
                }
                resources(problems, where, c);
                securityContext(problems, where, pod, c);
                tmpIsWritable(problems, where, pod, c);
                gracefulShutdown(problems, where, pod, c);
                if (str(c, "image") == null || str(c, "image").isBlank()) {
                    problems.add(where + ": no image");
                }
            }
            Map<String, Object> annotations = map(d, "spec", "template", "metadata", "annotations");
            if (Overlays.isService(d) && (!"true".equals(str(annotations, "prometheus.io/scrape"))
                    || !"/q/metrics".equals(str(annotations, "prometheus.io/path"))
                    || containers.stream().noneMatch(c -> containerPorts(c).contains(toInt(str(annotations, "prometheus.io/port")))))) {
                problems.add(id + ": Prometheus scrape annotations (scrape=true, path=/q/metrics, port=the HTTP port) missing: " + annotations);
            }
            if (Boolean.TRUE.equals(at(pod, "automountServiceAccountToken")) || at(pod, "automountServiceAccountToken") == null) {
                problems.add(id + ": the services never call the Kubernetes API: automountServiceAccountToken: false");
            }
        }
        assertNoProblems(overlay, problems);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyStatefulWorkloadIsRestrictedToo(String overlay) {
        // The namespace enforces Pod Security "restricted": an in-cluster database must comply as well.
        Manifests m = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> s : m.ofKind("StatefulSet")) {
            Map<String, Object> pod = map(s, "spec", "template", "spec");
            for (Map<String, Object> c : list(pod, "containers")) {
                String where = Manifests.id(s) + " container " + str(c, "name");
                resources(problems, where, c);
                securityContext(problems, where, pod, c);
                if (at(c, "livenessProbe") == null || at(c, "readinessProbe") == null) {
                    problems.add(where + ": liveness and readiness probes");
                }
            }
        }
        assertNoProblems(overlay, problems);
        Map<String, Object> ns = m.get("Namespace", "licensing");
        assertEquals("restricted", str(ns, "metadata", "labels", "pod-security.kubernetes.io/enforce"), overlay + ": namespace Pod Security level");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyDeploymentHasAServiceAnAutoscalerAndADisruptionBudget(String overlay) {
        Manifests m = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> d : m.ofKind("Deployment")) {
            String name = Manifests.name(d);
            Map<String, Object> podLabels = map(d, "spec", "template", "metadata", "labels");
            if (!selects(map(d, "spec", "selector", "matchLabels"), podLabels)) {
                problems.add(name + ": the Deployment's selector does not match its pod labels");
            }
            if (at(d, "spec", "replicas") != null) {
                problems.add(name + ": spec.replicas set although an HPA owns the count (each apply would reset it)");
            }
            Set<Object> ports = list(d, "spec", "template", "spec", "containers").stream()
                    .flatMap(c -> containerPorts(c).stream()).collect(Collectors.toSet());

            List<Map<String, Object>> services = m.ofKind("Service").stream()
                    .filter(s -> selects(map(s, "spec", "selector"), podLabels)).toList();
            if (services.size() != 1) {
                problems.add(name + ": expected one Service selecting its pods, got " + services.stream().map(Manifests::name).toList());
            } else {
                for (Map<String, Object> p : list(services.get(0), "spec", "ports")) {
                    if (!ports.contains(p.get("targetPort")) && !ports.contains(p.get("port"))) {
                        problems.add(name + ": Service port " + p + " reaches no container port " + ports);
                    }
                }
            }

            List<Map<String, Object>> hpas = m.ofKind("HorizontalPodAutoscaler").stream()
                    .filter(h -> "Deployment".equals(str(h, "spec", "scaleTargetRef", "kind")) && name.equals(str(h, "spec", "scaleTargetRef", "name")))
                    .toList();
            if (hpas.size() != 1) {
                problems.add(name + ": expected one HorizontalPodAutoscaler, got " + hpas.size());
            } else {
                Map<String, Object> h = hpas.get(0);
                int min = toInt(str(h, "spec", "minReplicas"));
                int max = toInt(str(h, "spec", "maxReplicas"));
                if (min < 1 || max < min) {
                    problems.add(name + ": HPA min " + min + " / max " + max);
                }
                if (list(h, "spec", "metrics").isEmpty()) {
                    problems.add(name + ": HPA without metrics");
                }
            }

            List<Map<String, Object>> pdbs = m.ofKind("PodDisruptionBudget").stream()
                    .filter(p -> selects(map(p, "spec", "selector", "matchLabels"), podLabels)).toList();
            if (pdbs.size() != 1) {
                problems.add(name + ": expected one PodDisruptionBudget selecting its pods, got " + pdbs.size());
            } else if (at(pdbs.get(0), "spec", "maxUnavailable") == null && at(pdbs.get(0), "spec", "minAvailable") == null) {
                problems.add(name + ": PodDisruptionBudget without maxUnavailable/minAvailable");
            }
        }
        assertNoProblems(overlay, problems);
    }

    // ---- rules

    private static void probe(List<String> problems, String where, Map<String, Object> c, String kind, String path, Set<Object> ports) {
        Object probe = at(c, kind);
        if (probe == null) {
            problems.add(where + ": no " + kind);
            return;
        }
        if (!path.equals(str(probe, "httpGet", "path"))) {
            problems.add(where + ": " + kind + " must GET " + path + ", has " + at(probe, "httpGet"));
        }
        Object port = at(probe, "httpGet", "port");
        if (!ports.contains(port)) {
            problems.add(where + ": " + kind + " port " + port + " is not a container port " + ports);
        }
    }

    private static void resources(List<String> problems, String where, Map<String, Object> c) {
        for (String r : List.of("cpu", "memory")) {
            Object request = at(c, "resources", "requests", r);
            Object limit = at(c, "resources", "limits", r);
            if (request == null || limit == null) {
                problems.add(where + ": " + r + " request and limit required (request " + request + ", limit " + limit + ")");
                continue;
            }
            try {
                BigDecimal req = Quantities.parse(request);
                BigDecimal lim = Quantities.parse(limit);
                if (req.signum() <= 0 || req.compareTo(lim) > 0) {
                    problems.add(where + ": " + r + " request " + request + " must be positive and at most the limit " + limit);
                }
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + r + ": " + e.getMessage());
            }
        }
    }

    private static void securityContext(List<String> problems, String where, Map<String, Object> pod, Map<String, Object> c) {
        Map<String, Object> psc = map(pod, "securityContext");
        Map<String, Object> sc = map(c, "securityContext");
        if (!Boolean.TRUE.equals(sc.getOrDefault("runAsNonRoot", psc.get("runAsNonRoot")))) {
            problems.add(where + ": runAsNonRoot: true");
        }
        Object uid = sc.getOrDefault("runAsUser", psc.get("runAsUser"));
        if (uid instanceof Number n && n.intValue() == 0) {
            problems.add(where + ": runs as uid 0");
        }
        if (!Boolean.TRUE.equals(sc.get("readOnlyRootFilesystem"))) {
            problems.add(where + ": readOnlyRootFilesystem: true");
        }
        if (!Boolean.FALSE.equals(sc.get("allowPrivilegeEscalation"))) {
            problems.add(where + ": allowPrivilegeEscalation: false");
        }
        if (Boolean.TRUE.equals(sc.get("privileged"))) {
            problems.add(where + ": privileged");
        }
        if (!values(sc, "capabilities", "drop").contains("ALL") || !values(sc, "capabilities", "add").isEmpty()) {
            problems.add(where + ": capabilities must drop ALL and add none");
        }
        String seccomp = Objects.requireNonNullElse(str(sc, "seccompProfile", "type"), Objects.toString(str(psc, "seccompProfile", "type"), ""));
        if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
            problems.add(where + ": seccompProfile RuntimeDefault");
        }
        if (Boolean.TRUE.equals(pod.get("hostNetwork")) || Boolean.TRUE.equals(pod.get("hostPID")) || Boolean.TRUE.equals(pod.get("hostIPC"))) {
            problems.add(where + ": host namespaces");
        }
    }

    private static void tmpIsWritable(List<String> problems, String where, Map<String, Object> pod, Map<String, Object> c) {
        // With a read-only root, the JVM and Vert.x (file cache, uploads) need a writable /tmp.
        String volume = list(c, "volumeMounts").stream().filter(v -> "/tmp".equals(str(v, "mountPath")))
                .map(v -> str(v, "name")).findFirst().orElse(null);
        boolean emptyDir = volume != null && list(pod, "volumes").stream()
                .anyMatch(v -> volume.equals(str(v, "name")) && at(v, "emptyDir") != null);
        if (!emptyDir) {
            problems.add(where + ": /tmp must be an emptyDir volume (read-only root filesystem)");
        }
    }

    private static void gracefulShutdown(List<String> problems, String where, Map<String, Object> pod, Map<String, Object> c) {
        Object preStop = at(c, "lifecycle", "preStop");
        if (preStop == null) {
            problems.add(where + ": preStop hook (keep serving while the endpoint is removed)");
            return;
        }
        Object sleep = at(preStop, "sleep", "seconds");
        int grace = at(pod, "terminationGracePeriodSeconds") instanceof Number n ? n.intValue() : 30;
        int pause = sleep instanceof Number n ? n.intValue() : 0;
        if (grace <= pause + 10) {
            problems.add(where + ": terminationGracePeriodSeconds " + grace + " leaves no time to drain after the preStop pause of " + pause + " s");
        }
    }

    // ---- helpers

    static Set<Object> containerPorts(Map<String, Object> c) {
        Set<Object> out = new java.util.HashSet<>();
        for (Map<String, Object> p : list(c, "ports")) {
            if (p.get("name") != null) {
                out.add(p.get("name"));
            }
            if (p.get("containerPort") instanceof Number n) {
                out.add(n.intValue());
            }
        }
        return out;
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> Objects.equals(e.getValue(), labels.get(e.getKey())));
    }

    static int toInt(String s) {
        try {
            return Integer.parseInt(Objects.requireNonNull(s));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static void assertNoProblems(String overlay, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(overlay + ":\n  " + String.join("\n  ", problems));
        }
        assertTrue(problems.isEmpty());
    }
}
