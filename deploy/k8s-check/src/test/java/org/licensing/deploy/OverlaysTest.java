package org.licensing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.licensing.deploy.Manifests.list;
import static org.licensing.deploy.Manifests.map;
import static org.licensing.deploy.Manifests.str;
import static org.licensing.deploy.Manifests.values;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What distinguishes the two overlays: a self-contained trial versus managed stores and more replicas. */
class OverlaysTest {

    private static Map<String, Object> config(Manifests m) {
        List<Map<String, Object>> cms = m.ofKind("ConfigMap").stream().filter(c -> Manifests.name(c).startsWith("licensing-config")).toList();
        assertEquals(1, cms.size(), m.overlay + ": one licensing-config ConfigMap");
        return map(cms.get(0), "data");
    }

    @Test
    void devRunsPostgresAndRedisInTheClusterWithPersistentVolumes() {
        Manifests m = Manifests.overlay("dev");
        Map<String, Object> data = config(m);
        for (String store : List.of("postgres", "redis")) {
            Map<String, Object> sts = m.get("StatefulSet", store);
            assertEquals(1, ((Number) Manifests.at(sts, "spec", "replicas")).intValue(), store + " single instance");
            List<Map<String, Object>> claims = list(sts, "spec", "volumeClaimTemplates");
            assertEquals(1, claims.size(), store + ": one PersistentVolumeClaim template");
            String claim = Manifests.name(claims.get(0));
            assertTrue(list(sts, "spec", "template", "spec", "containers").get(0).get("volumeMounts").toString().contains("name=" + claim),
                    store + ": the claim is mounted");
            assertTrue(WorkloadsTest.selects(map(m.get("Service", store), "spec", "selector"), map(sts, "spec", "template", "metadata", "labels")),
                    store + ": a Service selects it");
        }
        // The services reach them by their Service names.
        assertEquals("postgres", data.get("DB_HOST"));
        assertEquals("redis", URI.create(String.valueOf(data.get("REDIS_URL"))).getHost());
        // Streams need the append-only file.
        List<Object> args = values(list(m.get("StatefulSet", "redis"), "spec", "template", "spec", "containers").get(0), "args");
        int i = args.indexOf("--appendonly");
        assertTrue(i >= 0 && "yes".equals(args.get(i + 1)), "redis --appendonly yes: " + args);
        // Only the services reach the stores: a NetworkPolicy selects both and admits the API pods.
        List<Map<String, Object>> policies = m.ofKind("NetworkPolicy");
        for (String store : List.of("postgres", "redis")) {
            Map<String, Object> podLabels = map(m.get("StatefulSet", store), "spec", "template", "metadata", "labels");
            boolean guarded = policies.stream().anyMatch(p -> list(p, "spec", "podSelector", "matchExpressions").stream()
                    .anyMatch(e -> podLabels.get(str(e, "key")) != null && values(e, "values").contains(podLabels.get(str(e, "key")))));
            assertTrue(guarded, store + ": no NetworkPolicy selects it");
        }
        // The services reach the stores; the console (static files) must not.
        for (Map<String, Object> d : m.ofKind("Deployment")) {
            Map<String, Object> podLabels = map(d, "spec", "template", "metadata", "labels");
            boolean admitted = policies.stream().flatMap(p -> list(p, "spec", "ingress").stream())
                    .flatMap(rule -> list(rule, "from").stream())
                    .anyMatch(f -> WorkloadsTest.selects(map(f, "podSelector", "matchLabels"), podLabels));
            if (Overlays.isService(d)) {
                assertTrue(admitted, Manifests.name(d) + " is not admitted to the stores by the NetworkPolicy");
            } else {
                assertTrue(!admitted, Manifests.name(d) + " is admitted to the stores by the NetworkPolicy but never needs them");
            }
        }
        // PostgreSQL is created with the services' credentials.
        String pgEnv = list(m.get("StatefulSet", "postgres"), "spec", "template", "spec", "containers").get(0).get("env").toString();
        assertTrue(pgEnv.contains("key=DB_USER") && pgEnv.contains("key=DB_PASSWORD"), pgEnv);
    }

    @Test
    void prodUsesManagedStoresMoreReplicasAndHttps() {
        Manifests prod = Manifests.overlay("prod");
        Manifests dev = Manifests.overlay("dev");
        assertTrue(prod.ofKind("StatefulSet").isEmpty(), "prod: no database in the cluster");
        assertTrue(prod.ofKind("PersistentVolumeClaim").isEmpty(), "prod: no volumes");
        Map<String, Object> data = config(prod);
        assertFalse("postgres".equals(data.get("DB_HOST")), "prod: DB_HOST names the managed PostgreSQL");
        assertNotNull(URI.create(String.valueOf(data.get("REDIS_URL"))).getHost(), "prod: REDIS_URL");
        int partitions = Integer.parseInt(String.valueOf(data.get("STREAM_PARTITIONS")));
        for (Map<String, Object> h : prod.ofKind("HorizontalPodAutoscaler")) {
            int min = WorkloadsTest.toInt(str(h, "spec", "minReplicas"));
            int devMin = WorkloadsTest.toInt(str(dev.get("HorizontalPodAutoscaler", Manifests.name(h)), "spec", "minReplicas"));
            assertTrue(min >= 2 && min >= devMin, Manifests.name(h) + ": prod keeps at least 2 replicas (got " + min + ")");
        }
        // A stats-service replica beyond the partition count would own no partition.
        int statsMax = WorkloadsTest.toInt(str(prod.get("HorizontalPodAutoscaler", "stats-service"), "spec", "maxReplicas"));
        assertTrue(statsMax <= partitions, "stats-service maxReplicas " + statsMax + " > STREAM_PARTITIONS " + partitions);
        for (Map<String, Object> ing : prod.ofKind("Ingress")) {
            assertFalse(list(ing, "spec", "tls").isEmpty(), Manifests.id(ing) + ": TLS");
        }
        assertTrue(list(prod.get("Gateway", "licensing-gateway"), "spec", "listeners").stream().anyMatch(l -> "HTTPS".equals(str(l, "protocol"))),
                "prod Gateway: an HTTPS listener");
    }

    @Test
    void statsReplicasAndPoolFitTheStreamPartitions() {
        Overlays.all().forEach(o -> {
            Manifests m = Manifests.overlay(o);
            int partitions = Integer.parseInt(String.valueOf(config(m).get("STREAM_PARTITIONS")));
            int max = WorkloadsTest.toInt(str(m.get("HorizontalPodAutoscaler", "stats-service"), "spec", "maxReplicas"));
            assertTrue(max <= partitions, o + ": stats-service maxReplicas " + max + " > STREAM_PARTITIONS " + partitions);
            // Each stats-service pod runs one loop per partition of both streams, each in its own transaction.
            Map<String, Object> c = list(m.get("Deployment", "stats-service"), "spec", "template", "spec", "containers").get(0);
            int pool = Integer.parseInt(SettingsTest.effectiveEnv(m, c).get("DB_POOL_SIZE"));
            assertTrue(pool >= 2 * partitions, o + ": stats-service DB_POOL_SIZE " + pool + " < 2 x STREAM_PARTITIONS " + partitions);
        });
    }
}
