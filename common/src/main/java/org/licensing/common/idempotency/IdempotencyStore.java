package org.licensing.common.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.redis.LuaScript;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;

/**
 * The answers kept for {@code Idempotency-Key} retries, in Redis: {@code idempotency:{<caller>}:<sha256 of the
 * key>} holds {@code {"state":"pending","request":<fingerprint>}} while the first request runs (a short
 * lease, so a crashed request does not lock its key for a day) and then the stored answer for 24 h.
 * Claiming the key is one atomic script: of two concurrent requests with the same key exactly one runs.
 */
@ApplicationScoped
public class IdempotencyStore {

    /** What a request finds under its key. */
    public sealed interface Claim permits Claimed, InProgress, Reused, Stored {}

    /** Nobody used the key: this request runs and its answer will be stored. */
    public record Claimed(String redisKey, String fingerprint) implements Claim {}

    /** The first request with this key is still running. */
    public record InProgress() implements Claim {}

    /** The key was used for another request (other body, path or method). */
    public record Reused() implements Claim {}

    /** The first request's answer. */
    public record Stored(JsonObject answer) implements Claim {}

    static final LuaScript CLAIM = new LuaScript("""
            local v = redis.call('GET', KEYS[1])
            if v then return v end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return false
            """);

    private final ReactiveRedisDataSource redis;
    private final Duration retention;
    private final Duration lease;

    public IdempotencyStore(ReactiveRedisDataSource redis,
            @ConfigProperty(name = "licensing.idempotency.retention", defaultValue = "24h") Duration retention,
            @ConfigProperty(name = "licensing.idempotency.lease", defaultValue = "60s") Duration lease) {
        this.redis = redis;
        this.retention = retention;
        this.lease = lease;
    }

    /** The Redis key of a caller's idempotency key (the caller is the hash tag: one slot per caller). */
    public static String redisKey(String caller, String idempotencyKey) {
        return "idempotency:{" + caller + "}:" + sha256(idempotencyKey);
    }

    public Uni<Claim> claim(String caller, String idempotencyKey, String fingerprint) {
        String key = redisKey(caller, idempotencyKey);
        String pending = new JsonObject().put("state", "pending").put("request", fingerprint).encode();
        return CLAIM.run(redis, List.of(key), List.of(pending, Long.toString(lease.toMillis()))).map(r -> {
            if (r == null) {
                return new Claimed(key, fingerprint);
            }
            JsonObject found = new JsonObject(r.toString());
            if (!fingerprint.equals(found.getString("request"))) {
                return new Reused();
            }
            return "pending".equals(found.getString("state")) ? new InProgress() : new Stored(found);
        });
    }

    /** Keeps the first answer for the retention time. */
    public Uni<Void> complete(Claimed claim, JsonObject answer) {
        answer.put("state", "done").put("request", claim.fingerprint());
        return redis.value(String.class).psetex(claim.redisKey(), retention.toMillis(), answer.encode());
    }

    /** Frees the key: the work may not have happened (a 5xx, a rate limit), so a retry must run it. */
    public Uni<Void> release(Claimed claim) {
        return redis.key().del(claim.redisKey()).replaceWithVoid();
    }

    static String sha256(String s) {
        return HexFormat.of().formatHex(digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
