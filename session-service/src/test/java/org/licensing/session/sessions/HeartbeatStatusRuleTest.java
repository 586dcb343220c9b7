package org.licensing.session.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.licensing.common.licenses.LicenseStatus;
import org.licensing.common.licenses.LicenseUsability;

/**
 * The session scripts run inside Redis and cannot call {@link LicenseUsability}, so they repeat
 * its status rule in Lua ({@code status ~= 'ACTIVE'}). This test reads the scripts' source
 * (Java text blocks or {@code .lua} resources, wherever they live under src/main) and fails when
 * the statuses they let through differ from the common rule's.
 */
class HeartbeatStatusRuleTest {

    private static final String STATUSES = Arrays.stream(LicenseStatus.values()).map(Enum::name)
            .collect(Collectors.joining("|"));
    /** {@code x ~= 'ACTIVE'} lets only ACTIVE through; {@code x == 'SUSPENDED'} would single one out. */
    private static final Pattern COMPARISON = Pattern.compile("(~=|==)\\s*'(" + STATUSES + ")'");

    @Test
    void theScriptsLetThroughExactlyTheUsableStatuses() throws IOException {
        List<String> scripts = scriptSources();
        assertTrue(!scripts.isEmpty(), "no session script source found under src/main");
        Set<String> letThrough = new TreeSet<>();
        Set<String> singledOut = new TreeSet<>();
        for (String source : scripts) {
            Matcher m = COMPARISON.matcher(source);
            while (m.find()) {
                (m.group(1).equals("~=") ? letThrough : singledOut).add(m.group(2));
            }
        }
        Set<String> usable = LicenseUsability.USABLE_STATUSES.stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(usable, letThrough, "statuses the Lua scripts treat as usable vs LicenseUsability.USABLE_STATUSES");
        assertEquals(Set.of(), singledOut, "a script compares a status with ==: check it against LicenseUsability by hand");
    }

    /** Lua files, and Java files that embed Lua (they call redis.call). */
    private static List<String> scriptSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".lua") || p.toString().endsWith(".java"))
                    .map(HeartbeatStatusRuleTest::read)
                    .filter(text -> text.contains("redis.call("))
                    .toList();
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
