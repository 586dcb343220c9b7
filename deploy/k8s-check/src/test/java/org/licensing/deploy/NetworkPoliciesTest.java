package org.licensing.deploy;

import static org.licensing.deploy.Manifests.list;
import static org.licensing.deploy.Manifests.map;
import static org.licensing.deploy.Manifests.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Service pods accept traffic only from the gateway and from each other: in every overlay each
 * service Deployment is selected by an Ingress NetworkPolicy, every rule admitting it names its
 * sources (no empty "from", no address blocks: nothing "from anywhere"), the other services are
 * among them, and the service's own port is open to them.
 */
class NetworkPoliciesTest {

    static Stream<String> overlays() {
        return Overlays.all();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void servicePodsAcceptOnlyTheGatewayAndEachOther(String overlay) {
        Manifests m = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        List<Map<String, Object>> policies = m.ofKind("NetworkPolicy");
        for (Map<String, Object> d : m.ofKind("Deployment")) {
            Map<String, Object> labels = map(d, "spec", "template", "metadata", "labels");
            if (!"api".equals(labels.get("app.kubernetes.io/component"))) {
                continue;
            }
            Object port = list(d, "spec", "template", "spec", "containers").get(0).get("ports") instanceof List<?> ports
                    && !ports.isEmpty() ? ((Map<?, ?>) ports.get(0)).get("containerPort") : null;
            List<Map<String, Object>> selecting = policies.stream()
                    .filter(p -> WorkloadsTest.selects(map(p, "spec", "podSelector", "matchLabels"), labels))
                    .filter(p -> values(p, "spec", "policyTypes").contains("Ingress"))
                    .toList();
            if (selecting.isEmpty()) {
                problems.add(Manifests.id(d) + ": no Ingress NetworkPolicy selects it (anyone in the cluster can call it)");
                continue;
            }
            boolean fromServices = false;
            boolean portOpen = false;
            for (Map<String, Object> p : selecting) {
                for (Map<String, Object> rule : list(p, "spec", "ingress")) {
                    List<Map<String, Object>> from = list(rule, "from");
                    if (from.isEmpty()) {
                        problems.add(Manifests.id(d) + ": " + Manifests.name(p) + " has a rule admitting every source");
                    }
                    for (Map<String, Object> f : from) {
                        if (f.containsKey("ipBlock")) {
                            problems.add(Manifests.id(d) + ": " + Manifests.name(p) + " admits an address block " + f.get("ipBlock"));
                        }
                        if (f.containsKey("namespaceSelector") && map(f, "namespaceSelector").isEmpty()) {
                            problems.add(Manifests.id(d) + ": " + Manifests.name(p) + " admits every namespace");
                        }
                        Map<String, Object> pods = map(f, "podSelector", "matchLabels");
                        if (!f.containsKey("namespaceSelector") && "api".equals(pods.get("app.kubernetes.io/component"))) {
                            fromServices = true;
                        }
                    }
                    for (Map<String, Object> ports : list(rule, "ports")) {
                        portOpen |= String.valueOf(port).equals(String.valueOf(ports.get("port")));
                    }
                }
            }
            if (!fromServices) {
                problems.add(Manifests.id(d) + ": the other services are not admitted");
            }
            if (!portOpen) {
                problems.add(Manifests.id(d) + ": its port " + port + " is not opened to the gateway and the services");
            }
        }
        WorkloadsTest.assertNoProblems(overlay, problems);
    }
}
