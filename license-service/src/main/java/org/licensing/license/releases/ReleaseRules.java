package org.licensing.license.releases;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.licensing.common.problem.ProblemException;

/** Release input rules and the "latest of a channel" choice; pure. */
public final class ReleaseRules {

    public static final Set<String> CHANNELS = Set.of("stable", "dev");

    private ReleaseRules() {}

    public static String channel(String raw, String field) {
        String c = raw == null || raw.isBlank() ? "stable" : raw.trim().toLowerCase(Locale.ROOT);
        if (!CHANNELS.contains(c)) {
            throw ProblemException.invalidField(field, "must be stable or dev");
        }
        return c;
    }

    public static void check(ReleaseRequest r) {
        if (r == null || r.productId() == null) {
            throw ProblemException.invalidField("product_id", "is required");
        }
        if (!SemanticVersion.isValid(r.version())) {
            throw ProblemException.invalidField("version", "must be a semantic version such as 1.4.0 or 2.0.0-beta.1");
        }
        if (r.downloadUrl() == null || !isHttpUrl(r.downloadUrl())) {
            throw ProblemException.invalidField("download_url", "must be an absolute http(s) URL");
        }
        if (r.sha256() != null && !r.sha256().matches("^[0-9a-fA-F]{64}$")) {
            throw ProblemException.invalidField("sha256", "must be 64 hexadecimal digits");
        }
        if (r.changelog() != null && r.changelog().length() > 20_000) {
            throw ProblemException.invalidField("changelog", "must be at most 20000 characters");
        }
    }

    static boolean isHttpUrl(String s) {
        try {
            URI u = new URI(s.trim());
            return u.isAbsolute() && ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null && s.length() <= 2048;
        } catch (Exception e) {
            return false;
        }
    }

    /** The dev channel sees stable releases too; the stable channel only stable ones. */
    public static boolean visibleOn(String releaseChannel, String askedChannel) {
        return "dev".equals(askedChannel) || releaseChannel.equals(askedChannel);
    }

    public static Optional<Release> latest(List<Release> releases, String channel) {
        return releases.stream().filter(r -> visibleOn(r.channel(), channel))
                .max(Comparator.comparing(r -> SemanticVersion.parse(r.version())));
    }

    /** Whether {@code candidate} is newer than the client's {@code current} version. */
    public static boolean isNewer(Release candidate, String current) {
        return SemanticVersion.parse(candidate.version()).compareTo(SemanticVersion.parse(current)) > 0;
    }
}
