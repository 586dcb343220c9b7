package org.licensing.license.releases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class SemanticVersionTest {

    static int cmp(String a, String b) {
        return Integer.signum(SemanticVersion.parse(a).compareTo(SemanticVersion.parse(b)));
    }

    @Test
    void precedenceFollowsSemver() {
        // the example chain of semver.org section 11
        List<String> chain = List.of("1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0");
        for (int i = 0; i + 1 < chain.size(); i++) {
            assertEquals(-1, cmp(chain.get(i), chain.get(i + 1)), chain.get(i) + " < " + chain.get(i + 1));
        }
        assertEquals(0, cmp("1.0.0+build.1", "1.0.0+build.2"));
        assertEquals(0, cmp("v1.2.3", "1.2.3"));
    }

    @Test
    void invalidVersions() {
        for (String s : new String[] { "1", "1.2", "01.2.3", "1.2.3-", "1.2.3-01", "a.b.c", "", "1.2.3.4" }) {
            assertFalse(SemanticVersion.isValid(s), s);
        }
        assertTrue(SemanticVersion.isValid("10.20.30-rc.1+sha.5114f85"));
    }

    @Test
    void latestPerChannel() {
        Instant t = Instant.now();
        List<Release> all = List.of(new Release(1, 1, "1.2.0", "stable", "u", null, null, 0, t),
                new Release(2, 1, "1.10.0", "stable", "u", null, null, 0, t),
                new Release(3, 1, "2.0.0-beta.1", "dev", "u", null, null, 0, t),
                new Release(4, 1, "1.9.9", "stable", "u", null, null, 0, t));
        assertEquals("1.10.0", ReleaseRules.latest(all, "stable").get().version());
        assertEquals("2.0.0-beta.1", ReleaseRules.latest(all, "dev").get().version());
        assertTrue(ReleaseRules.isNewer(all.get(1), "1.9.0"));
        assertFalse(ReleaseRules.isNewer(all.get(1), "1.10.0"));
    }
}
