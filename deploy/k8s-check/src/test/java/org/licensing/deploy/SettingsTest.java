package org.licensing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.licensing.deploy.Manifests.at;
import static org.licensing.deploy.Manifests.list;
import static org.licensing.deploy.Manifests.map;
import static org.licensing.deploy.Manifests.str;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The settings the Deployments pass are ones the services read, the ConfigMaps they name exist,
 * and every Secret key they need is in the Secret template operators fill in (the Secrets
 * themselves are not rendered, so an apply never overwrites real keys with placeholders).
 */
class SettingsTest {

    /** Token kinds each service verifies and signs (docs/security.md); the services' properties must agree. */
    private static final Map<String, Set<String>> VERIFIES = Map.of("license-service", Set.of("access", "refresh"),
            "session-service", Set.of("access", "session"), "device-service", Set.of("access"), "stats-service", Set.of("access"));
    private static final Map<String, Set<String>> SIGNS = Map.of("license-service", Set.of("access", "refresh"),
            "session-service", Set.of("session"), "device-service", Set.of(), "stats-service", Set.of());

    static Stream<String> overlays() {
        return Overlays.all();
    }

    /** Env var names the platform reads: `${NAME` in the services' configuration, and what run.sh exports. */
    static Set<String> knownEnvNames() throws IOException {
        Set<String> names = new HashSet<>();
        List<Path> sources = new ArrayList<>();
        sources.add(Repo.path("common/src/main/resources/META-INF/microprofile-config.properties"));
        for (String s : Overlays.services()) {
            sources.add(Repo.path(s + "/src/main/resources/application.properties"));
        }
        Pattern ref = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
        for (Path p : sources) {
            if (Files.isRegularFile(p)) {
                Matcher m = ref.matcher(Files.readString(p));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        String run = Files.readString(Repo.path("deploy/local/run.sh"));
        Matcher exported = Pattern.compile("(?m)(?:^export |^  echo \"|\\s)([A-Z][A-Z0-9_]+)=").matcher(run);
        while (exported.find()) {
            names.add(exported.group(1));
        }
        return names;
    }

    /** Keys of each Secret in base/secret-template.yaml, including the commented-out optional ones. */
    static Map<String, Set<String>> secretTemplate() {
        try {
            String text = Files.readString(Repo.path("deploy/k8s/base/secret-template.yaml"));
            Manifests t = Manifests.parse("secret-template", text);
            Map<String, Set<String>> keys = new HashMap<>();
            for (Map<String, Object> s : t.ofKind("Secret")) {
                keys.put(Manifests.name(s), new HashSet<>(map(s, "stringData").keySet()));
            }
            Matcher optional = Pattern.compile("(?m)^\\s*#\\s*([A-Z][A-Z0-9_]*):").matcher(text);
            while (optional.find()) {
                keys.get("licensing-secrets").add(optional.group(1));
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void secretTemplateIsNotRenderedAndHoldsEveryCredential() {
        Overlays.all().forEach(o -> assertTrue(Manifests.overlay(o).ofKind("Secret").isEmpty(),
                o + ": Secrets must not be part of the rendered objects (an apply would overwrite real keys)"));
        Map<String, Set<String>> t = secretTemplate();
        assertTrue(t.get("licensing-secrets").containsAll(Set.of("DB_USER", "DB_PASSWORD", "LICENSE_KEY_HASH_SECRET",
                "LICENSE_KEY_CHECKSUM_SECRET", "LICENSE_KEY_ENCRYPTION_KEY", "CERTIFICATE_SIGNING_SEED",
                "LICENSING_ADMIN_USERNAME", "LICENSING_ADMIN_EMAIL", "LICENSING_ADMIN_PASSWORD")), t.toString());
        assertEquals(Set.of("access-private.pem", "access-public.pem", "refresh-private.pem", "refresh-public.pem",
                "session-private.pem", "session-public.pem"), t.get("licensing-jwt-keys"));
    }

    @Test
    void createSecretsScriptFillsEveryKeyOfTheTemplate() throws IOException {
        String script = Files.readString(Repo.path("deploy/k8s/create-secrets.sh"));
        Set<String> created = new HashSet<>();
        Matcher m = Pattern.compile("--from-(?:literal|file)=([A-Za-z0-9_.-]+)=").matcher(script);
        while (m.find()) {
            created.add(m.group(1));
        }
        Map<String, Set<String>> template = secretTemplate();
        Set<String> expected = new HashSet<>(template.get("licensing-secrets"));
        expected.addAll(template.get("licensing-jwt-keys"));
        expected.removeAll(Set.of("SMTP_USERNAME", "SMTP_PASSWORD")); // optional, set by hand when a relay needs them
        assertEquals(new java.util.TreeSet<>(expected), new java.util.TreeSet<>(created),
                "create-secrets.sh and secret-template.yaml must name the same keys");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void deploymentsPassOnlySettingsTheServicesRead(String overlay) throws IOException {
        Manifests m = Manifests.overlay(overlay);
        Set<String> known = knownEnvNames();
        Map<String, Set<String>> secrets = secretTemplate();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> d : m.ofKind("Deployment").stream().filter(Overlays::isService).toList()) {
            Map<String, Object> pod = map(d, "spec", "template", "spec");
            for (Map<String, Object> c : list(pod, "containers")) {
                String where = Manifests.id(d);
                List<String> names = new ArrayList<>();
                for (Map<String, Object> e : list(c, "env")) {
                    names.add(str(e, "name"));
                    Object secretRef = at(e, "valueFrom", "secretKeyRef");
                    if (secretRef != null) {
                        Set<String> keys = secrets.get(str(secretRef, "name"));
                        if (keys == null || !keys.contains(str(secretRef, "key"))) {
                            problems.add(where + ": env " + str(e, "name") + " reads " + secretRef + ", not in secret-template.yaml");
                        }
                    }
                    Object cmRef = at(e, "valueFrom", "configMapKeyRef");
                    if (cmRef != null && m.find("ConfigMap", str(cmRef, "name")).isEmpty()) {
                        problems.add(where + ": env " + str(e, "name") + " reads a missing ConfigMap " + cmRef);
                    }
                }
                for (Map<String, Object> from : list(c, "envFrom")) {
                    String cm = str(from, "configMapRef", "name");
                    if (cm == null) {
                        problems.add(where + ": envFrom other than a ConfigMap: " + from);
                        continue;
                    }
                    var configMap = m.find("ConfigMap", cm);
                    if (configMap.isEmpty()) {
                        problems.add(where + ": envFrom names a missing ConfigMap " + cm);
                    } else {
                        names.addAll(map(configMap.get(), "data").keySet());
                    }
                }
                for (String n : names) {
                    // QUARKUS_* maps onto any Quarkus property by name, so it needs no ${} reference.
                    if (!known.contains(n) && !n.startsWith("QUARKUS_")) {
                        problems.add(where + ": env " + n + " is read by no service (not in any ${...} of the configuration nor in run.sh)");
                    }
                }
                for (Map<String, Object> v : list(pod, "volumes")) {
                    Object secret = at(v, "secret");
                    if (secret != null) {
                        Set<String> keys = secrets.get(str(secret, "secretName"));
                        if (keys == null) {
                            problems.add(where + ": volume from a Secret not in secret-template.yaml: " + secret);
                        } else {
                            list(secret, "items").forEach(i -> {
                                if (!keys.contains(str(i, "key"))) {
                                    problems.add(where + ": volume item " + i + " not in secret-template.yaml");
                                }
                            });
                        }
                    }
                }
            }
        }
        WorkloadsTest.assertNoProblems(overlay, problems);
    }

    /**
     * Settings a service cannot start without in production: `${NAME}` with no default in a line
     * that applies to the prod profile, in common's defaults or the service's own properties.
     */
    static Set<String> requiredInProduction(String service) throws IOException {
        Set<String> names = new HashSet<>();
        Pattern required = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)\\}");
        for (Path p : List.of(Repo.path("common/src/main/resources/META-INF/microprofile-config.properties"),
                Repo.path(service + "/src/main/resources/application.properties"))) {
            if (!Files.isRegularFile(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String l = line.strip();
                if (l.startsWith("#") || (l.startsWith("%") && !l.startsWith("%prod."))) {
                    continue;
                }
                Matcher m = required.matcher(l);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySettingRequiredInProductionIsGiven(String overlay) throws IOException {
        Manifests m = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> d : m.ofKind("Deployment").stream().filter(Overlays::isService).toList()) {
            Map<String, Object> c = list(d, "spec", "template", "spec", "containers").get(0);
            Set<String> given = new HashSet<>(effectiveEnv(m, c).keySet());
            for (Map<String, Object> e : list(c, "env")) {
                Object ref = at(e, "valueFrom", "secretKeyRef");
                if (ref != null && !Boolean.TRUE.equals(at(ref, "optional"))) {
                    given.add(str(e, "name"));
                }
            }
            Set<String> missing = new java.util.TreeSet<>(requiredInProduction(Manifests.name(d)));
            missing.removeAll(given);
            if (!missing.isEmpty()) {
                problems.add(Manifests.id(d) + " would not start: no value for " + missing
                        + " (add them to the ConfigMap in deploy/k8s/base/kustomization.yaml or, if secret, to secret-template.yaml,"
                        + " create-secrets.sh and the Deployment's env)");
            }
        }
        WorkloadsTest.assertNoProblems(overlay, problems);
        assertTrue(requiredInProduction("license-service").contains("DB_PASSWORD"), "reader sanity: DB_PASSWORD is required");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void tokenKeysAreMountedOnlyWhereTheyAreUsed(String overlay) {
        Manifests m = Manifests.overlay(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> d : m.ofKind("Deployment")) {
            String service = Manifests.name(d);
            if (!VERIFIES.containsKey(service)) {
                continue;
            }
            Map<String, Object> pod = map(d, "spec", "template", "spec");
            Map<String, Object> c = list(pod, "containers").get(0);
            Map<String, String> env = effectiveEnv(m, c);
            Map<String, Set<String>> needs = Map.of("PUBLIC_KEYS", VERIFIES.get(service), "SIGNING_KEY", SIGNS.get(service));
            needs.forEach((setting, kinds) -> kinds.forEach(kind -> {
                String key = "JWT_" + kind.toUpperCase(java.util.Locale.ROOT) + "_" + setting;
                String location = env.get(key);
                if (location == null || !location.startsWith("file:/")) {
                    problems.add(Manifests.id(d) + ": " + key + " must be a file: path, is " + location);
                } else if (!mountedFromSecret(pod, c, location.substring("file:".length()), "licensing-jwt-keys")) {
                    problems.add(Manifests.id(d) + ": " + location + " is not mounted from the Secret licensing-jwt-keys");
                }
            }));
            // No private key of a kind the service does not sign, and never the whole Secret.
            for (Map<String, Object> v : list(pod, "volumes")) {
                if (!"licensing-jwt-keys".equals(str(v, "secret", "secretName"))) {
                    continue;
                }
                List<Map<String, Object>> items = list(v, "secret", "items");
                if (items.isEmpty()) {
                    problems.add(Manifests.id(d) + ": mounts every key of licensing-jwt-keys; list the items it needs");
                }
                for (Map<String, Object> i : items) {
                    String k = str(i, "key");
                    if (k.endsWith("-private.pem") && !SIGNS.get(service).contains(k.substring(0, k.indexOf('-')))) {
                        problems.add(Manifests.id(d) + ": mounts " + k + " but does not sign that kind");
                    }
                }
            }
        }
        WorkloadsTest.assertNoProblems(overlay, problems);
    }

    @Test
    void theServicesVerifyAndSignTheKindsTheirKeysAreMountedFor() throws IOException {
        for (String service : VERIFIES.keySet()) {
            java.util.Properties p = new java.util.Properties();
            Path own = Repo.path(service + "/src/main/resources/application.properties");
            try (var in = Files.newBufferedReader(own)) {
                p.load(in);
            }
            assertEquals(VERIFIES.get(service), Set.of(p.getProperty("licensing.jwt.verifies", "access").split(",")),
                    service + ": licensing.jwt.verifies");
            String signs = p.getProperty("licensing.jwt.signs", "");
            assertEquals(SIGNS.get(service), signs.isBlank() ? Set.of() : Set.of(signs.split(",")), service + ": licensing.jwt.signs");
        }
    }

    static Map<String, String> effectiveEnv(Manifests m, Map<String, Object> c) {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> from : list(c, "envFrom")) {
            m.find("ConfigMap", str(from, "configMapRef", "name"))
                    .ifPresent(cm -> map(cm, "data").forEach((k, v) -> env.put(k, String.valueOf(v))));
        }
        for (Map<String, Object> e : list(c, "env")) {
            if (e.get("value") != null) {
                env.put(str(e, "name"), str(e, "value"));
            }
        }
        return env;
    }

    private static boolean mountedFromSecret(Map<String, Object> pod, Map<String, Object> c, String file, String secret) {
        for (Map<String, Object> mount : list(c, "volumeMounts")) {
            String dir = str(mount, "mountPath");
            if (dir == null || !file.startsWith(dir.endsWith("/") ? dir : dir + "/")) {
                continue;
            }
            String inside = file.substring(dir.length()).replaceFirst("^/", "");
            for (Map<String, Object> v : list(pod, "volumes")) {
                if (str(mount, "name").equals(str(v, "name")) && secret.equals(str(v, "secret", "secretName"))) {
                    List<Map<String, Object>> items = list(v, "secret", "items");
                    return items.isEmpty() || items.stream().anyMatch(i -> inside.equals(str(i, "path")));
                }
            }
        }
        return false;
    }
}
