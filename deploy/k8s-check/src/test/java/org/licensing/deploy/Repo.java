package org.licensing.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the module directory Maven runs the tests in. */
final class Repo {

    private Repo() {}

    static final Path ROOT = locate();

    private static Path locate() {
        Path p = Path.of("").toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("deploy/local/nginx.conf.template")) && Files.isDirectory(d.resolve("deploy/k8s"))) {
                return d;
            }
        }
        throw new IllegalStateException("Cannot find the repository root (deploy/local/nginx.conf.template) above " + p);
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }
}
