package org.licensing.license.auth;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.ratelimit.RateLimitConfig;
import org.licensing.common.ratelimit.RateLimitDecision;
import org.licensing.common.ratelimit.RateLimitFilter;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.redis.LuaScript;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Throttles failed sign-ins per account (the login name tried) and per client IP. Only failures
 * count, and a throttled caller is refused before the password is even checked, so guessing
 * stops while the right password still works for everybody else. Limits and windows are the
 * rate-limit groups {@code sign-in-failures-account} and {@code sign-in-failures-ip}.
 */
@ApplicationScoped
public class SignInThrottle {

    public static final String ACCOUNT_GROUP = "sign-in-failures-account";
    public static final String IP_GROUP = "sign-in-failures-ip";
    public static final String TOO_MANY_FAILED_SIGN_INS = "TOO_MANY_FAILED_SIGN_INS";

    /** Returns {count, pttl} of the first key at or over its limit, or {0, 0}. */
    private static final LuaScript CHECK = new LuaScript("""
            for i = 1, #KEYS do
              local n = tonumber(redis.call('GET', KEYS[i]) or '0')
              if n >= tonumber(ARGV[i]) then
                return {n, redis.call('PTTL', KEYS[i])}
              end
            end
            return {0, 0}
            """);
    private static final LuaScript FAIL = new LuaScript("""
            for i = 1, #KEYS do
              local n = redis.call('INCR', KEYS[i])
              if n == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[i]) end
            end
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final RateLimitConfig config;

    public SignInThrottle(ReactiveRedisDataSource redis, RateLimitConfig config) {
        this.redis = redis;
        this.config = config;
    }

    static String accountKey(String login) {
        return "signin:failures:account:" + login;
    }

    static String ipKey(String ip) {
        return "signin:failures:ip:" + ip;
    }

    /** Fails with 429 (Retry-After) when the login or the IP has too many recent failures. */
    public Uni<Void> check(String login, String ip) {
        // One key per script call: the two keys may live on different Redis Cluster slots.
        return checkOne(accountKey(login), config.rule(ACCOUNT_GROUP)).chain(() -> checkOne(ipKey(ip), config.rule(IP_GROUP)));
    }

    private Uni<Void> checkOne(String key, RateLimitConfig.Rule rule) {
        return CHECK.run(redis, List.of(key), List.of(Integer.toString(rule.limit())))
                .invoke(r -> {
                    long n = r.get(0).toLong();
                    if (n > 0) {
                        long ttl = Math.max(0, r.get(1).toLong());
                        ProblemException p = RateLimitFilter.refusal(new RateLimitDecision(rule.limit(), n + 1, ttl, 0, false));
                        throw new ProblemException(429, TOO_MANY_FAILED_SIGN_INS,
                                "Too many failed sign-ins; retry after " + p.headers().get("Retry-After") + " s",
                                List.of(), p.extensions(), p.headers());
                    }
                }).replaceWithVoid();
    }

    public Uni<Void> recordFailure(String login, String ip) {
        return FAIL.run(redis, List.of(accountKey(login)), List.of(Long.toString(config.rule(ACCOUNT_GROUP).window().toMillis())))
                .chain(() -> FAIL.run(redis, List.of(ipKey(ip)), List.of(Long.toString(config.rule(IP_GROUP).window().toMillis()))))
                .replaceWithVoid();
    }

    /** A successful sign-in clears the account's failures (not the IP's). */
    public Uni<Void> clearAccount(String login) {
        return redis.key().del(accountKey(login)).replaceWithVoid();
    }
}
