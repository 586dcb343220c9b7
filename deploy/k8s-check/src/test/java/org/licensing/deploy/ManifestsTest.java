package org.licensing.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer never passes silently: a missing tool or a broken kustomization fails the build. */
class ManifestsTest {

    @Test
    void missingToolsFailWithInstructions(@TempDir Path dir) {
        AssertionError e = assertThrows(AssertionError.class, () -> Manifests.render(dir,
                List.of(List.of("no-such-kubectl-" + System.nanoTime(), "kustomize", dir.toString()))));
        assertTrue(e.getMessage().contains("Install kubectl"), e.getMessage());
    }

    @Test
    void aBrokenKustomizationFailsWithTheToolsMessage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - does-not-exist.yaml\n");
        AssertionError e = assertThrows(AssertionError.class, () -> Manifests.render(dir));
        assertTrue(e.getMessage().contains("does-not-exist.yaml"), e.getMessage());
    }

    @Test
    void rendersAndParsesAKustomization(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "namespace: x\nconfigMapGenerator:\n  - name: c\n    literals: [A=1]\n");
        Manifests m = Manifests.parse("tmp", Manifests.render(dir));
        assertEquals(1, m.ofKind("ConfigMap").size());
        assertEquals("1", Manifests.str(m.ofKind("ConfigMap").get(0), "data", "A"));
        assertTrue(Manifests.name(m.ofKind("ConfigMap").get(0)).startsWith("c-"), "generated name carries a hash");
    }
}
