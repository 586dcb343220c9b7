package org.licensing.common.ratelimit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import org.licensing.common.redis.LuaScript;

/**
 * Fixed-window counters in Redis ({@code ratelimit:{subject}:{group}}), checked in one Lua call
 * that also refuses a blocked IP ({@code ipblock:{ip}}) and blocks an IP that keeps exceeding.
 * The braces are Redis Cluster hash tags: all keys of one subject live in one slot.
 */
@ApplicationScoped
public class RateLimiter {

    /**
     * The Lua functions {@code blockedFor} and {@code countRequest}: the one statement of the rule, for
     * every script that limits requests (prepend it).
     */
    public static final String RULE = LuaScript.resource("redis/ratelimit/window.lua");

    /** Returns {count, pttl of the window, 0 | 1 violation | 2 newly blocked} or {-1, block pttl, 0}. */
    static final LuaScript SCRIPT = new LuaScript(RULE + """
            local blocked = blockedFor(KEYS[1])
            if blocked then return {-1, blocked, 0} end
            local count, ttl, state = countRequest(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5])
            return {count, ttl, state}
            """);

    private final ReactiveRedisDataSource redis;
    private final RateLimitConfig config;

    public RateLimiter(ReactiveRedisDataSource redis, RateLimitConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public static String blockKey(String ip) {
        return "ipblock:{" + ip + "}";
    }

    /** The count of an IP's recent violations, which blocks it again once it reaches the limit. */
    public static String violationsKey(String ip) {
        return "ratelimit:{" + ip + "}:violations";
    }

    /**
     * Count one request of {@code subject} (an IP, a device, a key hash) against {@code group}.
     * {@code ip} is the address blocked when the subject keeps exceeding; may equal the subject.
     */
    public Uni<RateLimitDecision> hit(String subject, String ip, String group) {
        return hit(subject, ip, config.rule(group));
    }

    public Uni<RateLimitDecision> hit(String subject, String ip, RateLimitConfig.Rule rule) {
        RateLimitConfig.Block block = config.block();
        // The counter and violation keys are tagged by the IP so that all keys of the script share one cluster slot.
        List<String> keys = List.of(blockKey(ip), counterKey(subject, ip, rule.group()), violationsKey(ip));
        List<String> args = List.of(Integer.toString(rule.limit()), Long.toString(rule.window().toMillis()),
                Integer.toString(block.violations()), Long.toString(block.violationWindow().toMillis()),
                Long.toString(block.duration().toMillis()));
        return SCRIPT.run(redis, keys, args).map(r -> decision(rule.limit(), r.get(0).toLong(), r.get(1).toLong(),
                r.get(2).toInteger()));
    }

    /** The window counter of {@code subject} in {@code group}, tagged by the address it is counted for. */
    public static String counterKey(String subject, String ip, String group) {
        return "ratelimit:{" + ip + "}:" + (subject.equals(ip) ? "" : subject + ":") + group;
    }

    /** The decision from what {@code countRequest} (or {@code blockedFor}, as count -1 and the block's ms) answered. */
    public static RateLimitDecision decision(int limit, long count, long ttl, int state) {
        if (count < 0) {
            return new RateLimitDecision(limit, 0, 0, ttl, false);
        }
        return new RateLimitDecision(limit, count, ttl, 0, state == 2);
    }
}
