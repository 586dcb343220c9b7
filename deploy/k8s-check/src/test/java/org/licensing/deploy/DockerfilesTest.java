package org.licensing.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The images the Deployments run: every service has a JVM and a native Dockerfile on the agreed
 * base images, running as uid 1001 and exposing the port its Deployment uses. (No container
 * engine here, so the images are not built by the tests; see deploy/README.md.)
 */
class DockerfilesTest {

    private static final Map<String, String> BASE = Map.of(
            "Dockerfile.jvm", "registry.access.redhat.com/ubi9/openjdk-17-runtime",
            "Dockerfile.native", "quay.io/quarkus/quarkus-micro-image");

    @Test
    void everyServiceHasJvmAndNativeImagesRunningAsNonRoot() throws IOException {
        Manifests m = Manifests.overlay("dev");
        List<String> problems = new ArrayList<>();
        for (String service : Overlays.services()) {
            Map<String, Object> c = Manifests.list(m.get("Deployment", service), "spec", "template", "spec", "containers").get(0);
            Object port = Manifests.list(c, "ports").get(0).get("containerPort");
            for (var e : BASE.entrySet()) {
                Path f = Repo.path(service + "/src/main/docker/" + e.getKey());
                if (!Files.isRegularFile(f)) {
                    problems.add(f + " missing");
                    continue;
                }
                String text = Files.readString(f);
                if (!Pattern.compile("(?m)^FROM " + Pattern.quote(e.getValue()) + ":\\S+").matcher(text).find()) {
                    problems.add(f + ": base image " + e.getValue() + ":<tag>");
                }
                Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(text);
                String last = null;
                while (user.find()) {
                    last = user.group(1);
                }
                if (!"1001".equals(last)) {
                    problems.add(f + ": must end as USER 1001, ends as " + last);
                }
                if (!Pattern.compile("(?m)^EXPOSE " + port + "\\b").matcher(text).find()) {
                    problems.add(f + ": EXPOSE " + port + " (the Deployment's container port)");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
