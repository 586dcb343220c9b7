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

    /** The console's image: static files behind nginx-unprivileged, as the non-root user the Deployment runs. */
    @Test
    void consoleImageIsStaticNginxRunningAsTheDeploymentsNonRootUser() throws IOException {
        Manifests m = Manifests.overlay("dev");
        Map<String, Object> d = m.get("Deployment", Overlays.CONSOLE);
        Map<String, Object> c = Manifests.list(d, "spec", "template", "spec", "containers").get(0);
        Object port = Manifests.list(c, "ports").get(0).get("containerPort");
        Object uid = Manifests.at(d, "spec", "template", "spec", "securityContext", "runAsUser");
        String text = Files.readString(Repo.path("console/Dockerfile"));
        List<String> problems = new ArrayList<>();
        Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(text);
        String last = null;
        while (from.find()) {
            last = from.group(1);
        }
        if (last == null || !last.startsWith("nginxinc/nginx-unprivileged:")) {
            problems.add("console/Dockerfile: the final stage must be nginxinc/nginx-unprivileged:<tag>, is " + last);
        }
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(text);
        String runAs = null;
        while (user.find()) {
            runAs = user.group(1);
        }
        if (runAs == null || "0".equals(runAs) || "root".equals(runAs) || !String.valueOf(uid).equals(runAs)) {
            problems.add("console/Dockerfile: must end as the Deployment's non-root USER " + uid + ", ends as " + runAs);
        }
        if (!Pattern.compile("(?m)^EXPOSE " + port + "\\b").matcher(text).find()) {
            problems.add("console/Dockerfile: EXPOSE " + port + " (the Deployment's container port)");
        }
        String nginx = Files.readString(Repo.path("console/deploy/nginx.conf"));
        if (!nginx.contains("listen " + port + ";") || !nginx.contains("pid /tmp/")) {
            problems.add("console/deploy/nginx.conf: listen " + port + " and keep its pid in /tmp (read-only root)");
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
