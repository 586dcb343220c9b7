package org.licensing.common.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Limits per endpoint group, e.g. {@code licensing.rate-limit.groups.auth.limit=20} and
 * {@code licensing.rate-limit.groups.auth.window=60s}; env {@code LICENSING_RATE_LIMIT_GROUPS_AUTH_LIMIT}.
 */
@ConfigMapping(prefix = "licensing.rate-limit")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** Used by endpoints without a configured group. */
    @WithDefault("600")
    int defaultLimit();

    @WithDefault("60s")
    Duration defaultWindow();

    Map<String, Group> groups();

    Block block();

    interface Group {
        int limit();

        @WithDefault("60s")
        Duration window();
    }

    interface Block {
        /** How many refused requests within {@link #violationWindow()} block the IP. */
        @WithDefault("50")
        int violations();

        @WithDefault("10m")
        Duration violationWindow();

        @WithDefault("15m")
        Duration duration();
    }

    default Rule rule(String group) {
        Optional<Group> g = Optional.ofNullable(groups().get(group));
        return g.map(x -> new Rule(group, x.limit(), x.window()))
                .orElseGet(() -> new Rule(group, defaultLimit(), defaultWindow()));
    }

    record Rule(String group, int limit, Duration window) {}
}
