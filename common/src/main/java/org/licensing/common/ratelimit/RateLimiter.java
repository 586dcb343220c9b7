package org.licensing.common.ratelimit;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import org.licensing.common.redis.LuaScript;

/**
 * Fixed-window counters in Redis ({@code ratelimit:{subject}:{group}}), checked in one Lua call
 * that also refuses a blocked IP ({@code ipblock:{ip}}) and blocks an IP that keeps exceeding.
 * The braces are Redis Cluster hash tags: all keys of one subject live in one slot.
 */
@ApplicationScoped
public class RateLimiter {

    /** Returns {count, pttl of the window, 0 | 1 violation | 2 newly blocked} or {-1, block pttl, 0}. */
    static final LuaScript SCRIPT = new LuaScript("""
            local blocked = redis.call('PTTL', KEYS[1])
            if blocked ~= -2 then
              if blocked == -1 then blocked = 86400000 end
              return {-1, blocked, 0}
            end
            local count = redis.call('INCR', KEYS[2])
            local ttl = redis.call('PTTL', KEYS[2])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[2], ARGV[2])
              ttl = tonumber(ARGV[2])
            end
            if count > tonumber(ARGV[1]) then
              local v = redis.call('INCR', KEYS[3])
              if v == 1 then redis.call('PEXPIRE', KEYS[3], ARGV[4]) end
              if v >= tonumber(ARGV[3]) then
                redis.call('SET', KEYS[1], '1', 'PX', ARGV[5])
                redis.call('DEL', KEYS[3])
                return {count, ttl, 2}
              end
              return {count, ttl, 1}
            end
            return {count, ttl, 0}
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
        String tag = "{" + ip + "}";
        List<String> keys = List.of(blockKey(ip),
                "ratelimit:" + tag + ":" + subjectPart(subject, ip) + rule.group(),
                violationsKey(ip));
        List<String> args = List.of(Integer.toString(rule.limit()), Long.toString(rule.window().toMillis()),
                Integer.toString(block.violations()), Long.toString(block.violationWindow().toMillis()),
                Long.toString(block.duration().toMillis()));
        return SCRIPT.run(redis, keys, args).map(r -> decision(rule.limit(), r));
    }

    private static String subjectPart(String subject, String ip) {
        return subject.equals(ip) ? "" : subject + ":";
    }

    private static RateLimitDecision decision(int limit, Response r) {
        long count = r.get(0).toLong();
        long ttl = r.get(1).toLong();
        int state = r.get(2).toInteger();
        if (count < 0) {
            return new RateLimitDecision(limit, 0, 0, ttl, false);
        }
        return new RateLimitDecision(limit, count, ttl, 0, state == 2);
    }
}
