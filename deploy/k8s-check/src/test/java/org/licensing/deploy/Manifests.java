package org.licensing.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The objects an overlay renders to, produced by the same tool an operator runs
 * ({@code kubectl kustomize}, or a standalone {@code kustomize build}), plus small accessors for
 * the nested maps SnakeYAML gives.
 */
final class Manifests {

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    final String overlay;
    final List<Map<String, Object>> objects;

    private Manifests(String overlay, List<Map<String, Object>> objects) {
        this.overlay = overlay;
        this.objects = objects;
    }

    /** Renders deploy/k8s/overlays/{overlay} (once per JVM). */
    static Manifests overlay(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> parse(o, render(Repo.path("deploy/k8s/overlays/" + o))));
    }

    static Manifests parse(String name, String yamlText) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yamlText)) {
            if (doc instanceof Map<?, ?> m) {
                out.add(cast(m));
            }
        }
        return new Manifests(name, List.copyOf(out));
    }

    static String render(Path dir) {
        return render(dir, List.of(
                List.of("kubectl", "kustomize", dir.toString()),
                List.of("kustomize", "build", dir.toString())));
    }

    /** Runs the first of {@code commands} that can be started; fails clearly when none can. */
    static String render(Path dir, List<List<String>> commands) {
        List<String> tried = new ArrayList<>();
        for (List<String> command : commands) {
            Optional<String> out = run(command, tried);
            if (out.isPresent()) {
                return out.get();
            }
        }
        throw new AssertionError("Cannot render " + dir + ": neither `kubectl kustomize` nor `kustomize build` "
                + "could be started (" + String.join("; ", tried) + "). Install kubectl (Debian: apt-get install "
                + "kubernetes-client; or https://kubernetes.io/docs/tasks/tools/) so the Kubernetes manifests can be checked.");
    }

    /** Empty when the program is not installed; fails the test when it runs and refuses the kustomization. */
    private static Optional<String> run(List<String> command, List<String> tried) {
        Process p;
        try {
            Path err = Files.createTempFile("kustomize", ".err");
            p = new ProcessBuilder(command).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 120 s");
            }
            String errText = Files.readString(err);
            Files.deleteIfExists(err);
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + p.exitValue() + "):\n" + errText);
            }
            return Optional.of(out);
        } catch (IOException e) {
            tried.add(command.get(0) + ": " + e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(o -> name.equals(str(o, "metadata", "name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " named " + name));
    }

    static String name(Map<String, Object> o) {
        return str(o, "metadata", "name");
    }

    static String id(Map<String, Object> o) {
        return o.get("kind") + "/" + name(o);
    }

    // ---- nested access: every step must be a map key; absent -> null

    static Object at(Object node, String... path) {
        Object cur = node;
        for (String k : path) {
            if (!(cur instanceof Map<?, ?> m)) {
                return null;
            }
            cur = m.get(k);
        }
        return cur;
    }

    static Map<String, Object> map(Object node, String... path) {
        Object v = at(node, path);
        return v instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String... path) {
        Object v = at(node, path);
        if (!(v instanceof List<?> l)) {
            return List.of();
        }
        return (List<Map<String, Object>>) l;
    }

    @SuppressWarnings("unchecked")
    static List<Object> values(Object node, String... path) {
        Object v = at(node, path);
        return v instanceof List<?> l ? (List<Object>) l : List.of();
    }

    static String str(Object node, String... path) {
        Object v = at(node, path);
        return v == null ? null : v.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
