package org.licensing.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the checks iterate over: every overlay directory and every service module. */
final class Overlays {

    private Overlays() {}

    /** Every deploy/k8s/overlays/* with a kustomization: a new overlay is checked without editing the tests. */
    static Stream<String> all() {
        Path dir = Repo.path("deploy/k8s/overlays");
        try (Stream<Path> s = Files.list(dir)) {
            List<String> names = s.filter(p -> Files.isRegularFile(p.resolve("kustomization.yaml")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                throw new AssertionError("no overlay with a kustomization.yaml under " + dir);
            }
            return names.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The web console's Deployment (deploy/k8s/base/console.yaml, image console/Dockerfile): static
     * files behind nginx, no Quarkus, no settings, no datastore. Checked by ConsoleWorkloadTest; the
     * checks of the Quarkus services below skip it.
     */
    static final String CONSOLE = "console";

    /** Whether a rendered Deployment runs one of the service modules (and not the console). */
    static boolean isService(java.util.Map<String, Object> deployment) {
        return services().contains(Manifests.name(deployment));
    }

    /** The service modules of the root pom (`<module>x-service</module>`): each must be deployed. */
    static List<String> services() {
        try {
            String pom = Files.readString(Repo.path("pom.xml"));
            Matcher m = Pattern.compile("<module>([a-z0-9-]+-service)</module>").matcher(pom);
            List<String> out = new java.util.ArrayList<>();
            while (m.find()) {
                out.add(m.group(1));
            }
            if (out.isEmpty()) {
                throw new AssertionError("no *-service module in the root pom.xml");
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
