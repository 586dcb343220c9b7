package org.licensing.license.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimitConfig;
import org.licensing.common.ratelimit.RateLimitDecision;
import org.licensing.common.ratelimit.RateLimitFilter;
import org.licensing.common.redis.LuaScript;
import org.licensing.license.LicenseCodes;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Sign-in throttling (docs/security.md "Sign-in throttling"). Every attempt takes a slot of its
 * budgets in one atomic script BEFORE the password is checked ({@link #check}), so parallel guesses
 * cannot all pass: at most the budget is ever evaluated. A wrong password keeps the slot taken and
 * may lock the budget with a growing back-off ({@link #recordFailure}); the right one gives the
 * slots back and marks the (login, address) pair as known ({@link #recordSuccess}).
 * <ul>
 * <li>per (login, client address): {@code sign-in-failures-account} (5 / 15 min);</li>
 * <li>per login from addresses that never signed in to it: {@code sign-in-failures-login}
 * (20 / 15 min). A known pair is exempt: however many guesses come from elsewhere, the owner
 * still signs in from an address where it succeeded before;</li>
 * <li>per client address over all logins it never signed in to: {@code sign-in-failures-ip}
 * (20 / 15 min), against spraying.</li>
 * </ul>
 * Keys of one budget share a Redis Cluster hash tag: {@code {login}} for the first two, {@code {ip}}
 * for the last, so each script touches one slot.
 */
@ApplicationScoped
public class SignInThrottle {

    public static final String ACCOUNT_GROUP = "sign-in-failures-account";
    public static final String LOGIN_GROUP = "sign-in-failures-login";
    public static final String IP_GROUP = "sign-in-failures-ip";

    /** KEYS pair, pair lock, known, unknown, unknown lock; ARGV pair limit, window ms, unknown limit. {1, known} or {0, retry ms}. */
    static final LuaScript LOGIN_ATTEMPT = new LuaScript("""
            local p = redis.call('PTTL', KEYS[2])
            if p > 0 then return {0, p} end
            local known = redis.call('EXISTS', KEYS[3])
            if known == 0 then
              local a = redis.call('PTTL', KEYS[5])
              if a > 0 then return {0, a} end
            end
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if n > tonumber(ARGV[1]) then
              redis.call('DECR', KEYS[1])
              return {0, math.max(redis.call('PTTL', KEYS[1]), 1000)}
            end
            if known == 0 then
              local m = redis.call('INCR', KEYS[4])
              if m == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[2]) end
              if m > tonumber(ARGV[3]) then
                redis.call('DECR', KEYS[4])
                redis.call('DECR', KEYS[1])
                return {0, math.max(redis.call('PTTL', KEYS[4]), 1000)}
              end
            end
            return {1, known}
            """);

    /** KEYS pair, pair lock, pair strikes, known, unknown, unknown lock, unknown strikes; ARGV pair limit, unknown limit, strikes ttl, lock table... */
    static final LuaScript LOGIN_FAILED = new LuaScript("""
            local function lock(count, lockKey, strikes)
              local s = redis.call('INCR', strikes)
              redis.call('PEXPIRE', strikes, ARGV[3])
              local idx = math.min(s, #ARGV - 3)
              redis.call('SET', lockKey, s, 'PX', ARGV[3 + idx])
              redis.call('DEL', count)
            end
            if tonumber(redis.call('GET', KEYS[1]) or '0') >= tonumber(ARGV[1]) then lock(KEYS[1], KEYS[2], KEYS[3]) end
            if redis.call('EXISTS', KEYS[4]) == 0 and tonumber(redis.call('GET', KEYS[5]) or '0') >= tonumber(ARGV[2]) then
              lock(KEYS[5], KEYS[6], KEYS[7])
            end
            return 1
            """);

    /** KEYS pair, pair strikes, known, unknown; ARGV known ttl. */
    static final LuaScript LOGIN_SUCCESS = new LuaScript("""
            redis.call('DEL', KEYS[1], KEYS[2])
            if redis.call('EXISTS', KEYS[3]) == 0 and tonumber(redis.call('GET', KEYS[4]) or '0') > 0 then
              redis.call('DECR', KEYS[4])
            end
            redis.call('SET', KEYS[3], '1', 'PX', ARGV[1])
            return 1
            """);

    /** KEYS address failures, known pair; ARGV limit, window ms. {1, known} or {0, retry ms}. */
    static final LuaScript IP_ATTEMPT = new LuaScript("""
            if redis.call('EXISTS', KEYS[2]) == 1 then return {1, 1} end
            local n = redis.call('INCR', KEYS[1])
            if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            if n > tonumber(ARGV[1]) then
              redis.call('DECR', KEYS[1])
              return {0, math.max(redis.call('PTTL', KEYS[1]), 1000)}
            end
            return {1, 0}
            """);

    /** KEYS address failures, known pair; ARGV known ttl ('' to only give the slot back). */
    static final LuaScript IP_RELEASE = new LuaScript("""
            if redis.call('EXISTS', KEYS[2]) == 0 and tonumber(redis.call('GET', KEYS[1]) or '0') > 0 then
              redis.call('DECR', KEYS[1])
            end
            if ARGV[1] ~= '' then redis.call('SET', KEYS[2], '1', 'PX', ARGV[1]) end
            return 1
            """);

    private final ReactiveRedisDataSource redis;
    private final RateLimitConfig config;
    private final SignInBackoff backoff;
    private final Duration strikesMemory;
    private final Duration knownAddressTtl;

    public SignInThrottle(ReactiveRedisDataSource redis, RateLimitConfig config,
            @ConfigProperty(name = "licensing.auth.sign-in-throttle.lock-base", defaultValue = "1m") Duration lockBase,
            @ConfigProperty(name = "licensing.auth.sign-in-throttle.lock-max", defaultValue = "1h") Duration lockMax,
            @ConfigProperty(name = "licensing.auth.sign-in-throttle.strikes-memory", defaultValue = "24h") Duration strikesMemory,
            @ConfigProperty(name = "licensing.auth.sign-in-throttle.known-address-ttl", defaultValue = "90d") Duration knownAddressTtl) {
        this.redis = redis;
        this.config = config;
        this.backoff = new SignInBackoff(lockBase, lockMax);
        this.strikesMemory = strikesMemory;
        this.knownAddressTtl = knownAddressTtl;
    }

    static String loginTag(String login) {
        return "signin:{" + login + "}";
    }

    static List<String> loginKeys(String login, String ip) {
        String t = loginTag(login);
        String pair = t + ":addr:" + ip;
        return List.of(pair, pair + ":lock", pair + ":strikes", t + ":known:" + ip, t + ":unknown", t + ":unknown:lock",
                t + ":unknown:strikes");
    }

    static List<String> ipKeys(String login, String ip) {
        String t = "signin:{" + ip + "}";
        return List.of(t + ":failures", t + ":known:" + login);
    }

    /**
     * Takes one slot of every budget of (login, ip), atomically per budget, or fails with 429
     * {@code LicenseCodes.TOO_MANY_FAILED_SIGN_INS} (Retry-After) without the password being checked. Exactly
     * one of {@link #recordFailure} / {@link #recordSuccess} should follow an allowed attempt.
     */
    public Uni<Void> check(String login, String ip) {
        List<String> ipk = ipKeys(login, ip);
        RateLimitConfig.Rule ipRule = config.rule(IP_GROUP);
        RateLimitConfig.Rule pair = config.rule(ACCOUNT_GROUP);
        RateLimitConfig.Rule unknown = config.rule(LOGIN_GROUP);
        List<String> k = loginKeys(login, ip);
        return IP_ATTEMPT.run(redis, ipk, List.of(Integer.toString(ipRule.limit()), Long.toString(ipRule.window().toMillis())))
                .invoke(r -> refuseUnlessAllowed(r.get(0).toLong(), r.get(1).toLong(), ipRule.limit()))
                .chain(() -> LOGIN_ATTEMPT.run(redis, List.of(k.get(0), k.get(1), k.get(3), k.get(4), k.get(5)),
                        List.of(Integer.toString(pair.limit()), Long.toString(pair.window().toMillis()),
                                Integer.toString(unknown.limit()))))
                .chain(r -> {
                    if (r.get(0).toLong() == 1) {
                        return Uni.createFrom().voidItem();
                    }
                    // Refused for the login: the address's slot was not used for a guess, give it back.
                    return IP_RELEASE.run(redis, ipk, List.of("")).invoke(() -> refuseUnlessAllowed(0, r.get(1).toLong(),
                            pair.limit())).replaceWithVoid();
                });
    }

    private static void refuseUnlessAllowed(long allowed, long retryMillis, int limit) {
        if (allowed == 1) {
            return;
        }
        ProblemException p = RateLimitFilter.refusal(new RateLimitDecision(limit, limit + 1L, Math.max(1000, retryMillis), 0, false));
        throw new ProblemException(429, LicenseCodes.TOO_MANY_FAILED_SIGN_INS,
                "Too many failed sign-ins; retry after " + p.headers().get("Retry-After") + " s",
                List.of(), p.extensions(), p.headers());
    }

    /** A wrong password: the slots stay taken; a budget used up is locked (growing back-off). */
    public Uni<Void> recordFailure(String login, String ip) {
        List<String> args = new ArrayList<>(List.of(Integer.toString(config.rule(ACCOUNT_GROUP).limit()),
                Integer.toString(config.rule(LOGIN_GROUP).limit()), Long.toString(strikesMemory.toMillis())));
        args.addAll(backoff.tableMillis());
        return LOGIN_FAILED.run(redis, loginKeys(login, ip), args).replaceWithVoid();
    }

    /**
     * The right password: the pair's failures and strikes are forgiven, the slots given back, and
     * (login, ip) becomes a known pair with its own budget (for {@code known-address-ttl}).
     */
    public Uni<Void> recordSuccess(String login, String ip) {
        List<String> k = loginKeys(login, ip);
        String ttl = Long.toString(knownAddressTtl.toMillis());
        return LOGIN_SUCCESS.run(redis, List.of(k.get(0), k.get(2), k.get(3), k.get(4)), List.of(ttl))
                .chain(() -> IP_RELEASE.run(redis, ipKeys(login, ip), List.of(ttl)))
                .replaceWithVoid();
    }

    /**
     * After a password reset (ownership proven through the mailbox): the login-wide budget for
     * unknown addresses, its lock and strikes are forgiven. Locks of single (login, address) pairs
     * run out on their own; the address the person signs in from next becomes known on success.
     */
    public Uni<Void> clearLogin(String login) {
        String t = loginTag(login);
        return redis.key().del(t + ":unknown", t + ":unknown:lock", t + ":unknown:strikes").replaceWithVoid();
    }
}
