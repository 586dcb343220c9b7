package org.licensing.license.validation;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.ratelimit.RateLimitConfig;
import org.licensing.common.ratelimit.RateLimitDecision;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.common.redis.HeldRedisConnections;
import org.licensing.common.redis.LuaScript;
import org.licensing.common.redis.RedisKeys;
import org.licensing.common.redis.RedisTopology;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;

/**
 * Everything a validation reads or counts in Redis, in one script call ({@code redis/validation/validate.lua})
 * on a few held, pipelined connections: the address's block and limit, the per-key limit, the key-hash
 * index, the cached snapshot and the named device's binding and block flag. Before it there were five
 * sequential round trips on pooled connections, and borrowing a connection cost more than the reads.
 * A value the cache lacks comes back empty and the caller falls back to PostgreSQL as before.
 */
@ApplicationScoped
public class ValidationScript {

    /** What the script found. A null decision was not counted by this call. */
    public record Reads(RateLimitDecision address, RateLimitDecision key, String licenseRef, String snapshot,
            String deviceRow, boolean deviceBlocked) {

        /** The refusing decision (address first), or null when both limits let the request through. */
        public RateLimitDecision refusal() {
            if (address != null && !address.allowed()) {
                return address;
            }
            return key != null && !key.allowed() ? key : null;
        }

        /** The key-hash index names no license (remembered unknown key). */
        public boolean unknownKey() {
            return LicenseSnapshots.NO_LICENSE.equals(licenseRef);
        }

        /** The index has no entry for the key hash: PostgreSQL decides. */
        public boolean notIndexed() {
            return licenseRef.isEmpty();
        }
    }

    private final LuaScript script;
    private final HeldRedisConnections connections;
    private final RateLimitConfig limits;
    private final boolean oneScript;
    private final ReactiveRedisDataSource commands;
    private final RateLimiter limiter;

    public ValidationScript(Redis redis, RateLimitConfig limits, ReactiveRedisDataSource commands, RateLimiter limiter,
            @ConfigProperty(name = "licensing.validation.redis-connections", defaultValue = "2") int connections,
            @ConfigProperty(name = "licensing.validation.redis-timeout", defaultValue = "3s") Duration timeout,
            @ConfigProperty(name = "licensing.validation.one-script", defaultValue = "true") boolean oneScript,
            RedisTopology topology) {
        this.limits = limits;
        this.commands = commands;
        this.limiter = limiter;
        // the script's keys live in several slots: a Redis Cluster refuses it (see docs/scaling.md)
        this.oneScript = oneScript && !topology.cluster();
        this.connections = new HeldRedisConnections(redis, connections, timeout, "validation");
        this.script = new LuaScript(RateLimiter.RULE + LuaScript.resource("redis/validation/validate.lua")
                .replace("{{NO_LICENSE}}", LicenseSnapshots.NO_LICENSE)
                .replace("{{K_SNAPSHOT}}", RedisKeys.template(RedisKeys::licenseSnapshot))
                .replace("{{K_LOOKUP}}", RedisKeys.deviceLookupTemplate())
                .replace("{{K_BLOCKED}}", RedisKeys.template(RedisKeys::deviceBlocked)));
    }

    /**
     * One call. {@code addressGroup} null: the address was already counted (by {@link
     * org.licensing.common.ratelimit.RateLimitFilter}), only its block is checked.
     */
    public Uni<Reads> read(String ip, String addressGroup, String keySubject, String keyGroup, String keyHash,
            String clientDeviceId) {
        RateLimitConfig.Block block = limits.block();
        RateLimitConfig.Rule address = addressGroup == null ? null : limits.rule(addressGroup);
        RateLimitConfig.Rule key = limits.rule(keyGroup);
        if (!oneScript) {
            return readByCommands(ip, address, key, keySubject, keyHash, clientDeviceId);
        }
        List<String> keys = List.of(RateLimiter.blockKey(ip),
                RateLimiter.counterKey(ip, ip, addressGroup == null ? keyGroup : addressGroup),
                RateLimiter.violationsKey(ip), RateLimiter.counterKey(keySubject, ip, keyGroup),
                RedisKeys.licenseByKeyHash(keyHash));
        List<String> args = List.of(address == null ? "-1" : Integer.toString(address.limit()),
                address == null ? "0" : Long.toString(address.window().toMillis()),
                Integer.toString(key.limit()), Long.toString(key.window().toMillis()),
                Integer.toString(block.violations()), Long.toString(block.violationWindow().toMillis()),
                Long.toString(block.duration().toMillis()), clientDeviceId == null ? "" : clientDeviceId);
        return connections.run(script, keys, args).map(r -> reads(r, address, key));
    }

    /**
     * The same reads as single-slot commands, one after another (what validation did before the
     * script): for a Redis Cluster, where the script's keys live in several slots.
     */
    private Uni<Reads> readByCommands(String ip, RateLimitConfig.Rule address, RateLimitConfig.Rule key,
            String keySubject, String keyHash, String clientDeviceId) {
        Uni<RateLimitDecision> counted = address == null ? Uni.createFrom().nullItem() : limiter.hit(ip, ip, address);
        return counted.chain(a -> {
            if (a != null && !a.allowed()) {
                return Uni.createFrom().item(new Reads(a, null, "", "", "", false));
            }
            return limiter.hit(keySubject, ip, key).chain(k -> {
                if (!k.allowed()) {
                    return Uni.createFrom().item(new Reads(a, k, "", "", "", false));
                }
                return commands.value(String.class).get(RedisKeys.licenseByKeyHash(keyHash)).chain(lic -> {
                    if (lic == null || LicenseSnapshots.NO_LICENSE.equals(lic)) {
                        return Uni.createFrom().item(new Reads(a, k, lic == null ? "" : lic, "", "", false));
                    }
                    long id = Long.parseLong(lic);
                    Uni<String> row = clientDeviceId == null ? Uni.createFrom().nullItem()
                            : commands.value(String.class).get(RedisKeys.deviceLookup(id, clientDeviceId));
                    return Uni.combine().all().unis(commands.value(String.class).get(RedisKeys.licenseSnapshot(id)), row)
                            .asTuple().chain(t -> {
                                String r = t.getItem2();
                                Uni<Boolean> blocked = r == null ? Uni.createFrom().item(false)
                                        : commands.key().exists(RedisKeys.deviceBlocked(Long.parseLong(r)));
                                return blocked.map(b -> new Reads(a, k, lic, t.getItem1() == null ? "" : t.getItem1(),
                                        r == null ? "" : r, b));
                            });
                });
            });
        });
    }

    /** The held connections, for the events appended after the verdict (same pipeline). */
    HeldRedisConnections connections() {
        return connections;
    }

    static Reads reads(Response r, RateLimitConfig.Rule address, RateLimitConfig.Rule key) {
        String kind = r.get(0).toString();
        switch (kind) {
            case "blocked":
                int limit = address != null ? address.limit() : key.limit();
                return new Reads(RateLimiter.decision(limit, -1, r.get(1).toLong(), 0), null, "", "", "", false);
            case "limited":
                boolean byAddress = r.get(1).toInteger() == 1;
                RateLimitDecision d = RateLimiter.decision(byAddress ? address.limit() : key.limit(), r.get(2).toLong(),
                        r.get(3).toLong(), r.get(4).toInteger());
                return byAddress ? new Reads(d, null, "", "", "", false) : new Reads(null, d, "", "", "", false);
            case "ok":
                RateLimitDecision a = address == null ? null
                        : RateLimiter.decision(address.limit(), r.get(1).toLong(), r.get(2).toLong(), 0);
                RateLimitDecision k = RateLimiter.decision(key.limit(), r.get(3).toLong(), r.get(4).toLong(), 0);
                return new Reads(a, k, r.get(5).toString(), r.get(6).toString(), r.get(7).toString(),
                        r.get(8).toInteger() == 1);
            default:
                throw new IllegalStateException("Unexpected validation script answer " + kind);
        }
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void closeStalled() {
        connections.closeStalled();
    }
}
