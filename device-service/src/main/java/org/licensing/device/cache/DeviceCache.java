package org.licensing.device.cache;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.redis.RedisKeys;
import org.licensing.device.DeviceConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The Redis keys device-service owns (DESIGN section 3), written after the PostgreSQL commit:
 * {@code device:{id}:license} (snapshot, TTL), {@code device:lookup:{license}:{client id}} (row id
 * while bound) and {@code device:{id}:blocked} (read by session-service's heartbeat). A Redis
 * failure after a commit is retried, then logged: the database stays the truth, and
 * {@link BlockedFlagSync} re-pushes block flags periodically.
 */
@ApplicationScoped
public class DeviceCache {

    private static final Logger LOG = Logger.getLogger(DeviceCache.class);

    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final long ttl;

    public DeviceCache(ReactiveRedisDataSource redis, ObjectMapper json, DeviceConfig config) {
        this.redis = redis;
        this.json = json;
        this.ttl = config.licenseCacheTtlSeconds();
    }

    /** A device is bound (or refreshed): cache what the license looks like to it, and its look-up entry. */
    public Uni<Void> bound(long rowId, long licenseId, String clientDeviceId, LicenseSnapshot license) {
        String snapshot;
        try {
            snapshot = json.writeValueAsString(license);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        // independent keys: both writes leave at once rather than one round trip after the other
        return retried(Uni.combine().all().unis(redis.value(String.class).setex(RedisKeys.deviceLicense(rowId), ttl, snapshot),
                redis.value(String.class).set(RedisKeys.deviceLookup(licenseId, clientDeviceId), Long.toString(rowId)))
                .discardItems(), "bound " + rowId);
    }

    public Uni<Void> unbound(long rowId, long licenseId, String clientDeviceId) {
        return retried(redis.key().del(RedisKeys.deviceLicense(rowId), RedisKeys.deviceLookup(licenseId, clientDeviceId))
                .replaceWithVoid(), "unbound " + rowId);
    }

    public Uni<Void> blocked(long rowId, String reason) {
        return retried(redis.value(String.class).set(RedisKeys.deviceBlocked(rowId), reason == null || reason.isBlank() ? "blocked" : reason)
                .chain(() -> redis.key().del(RedisKeys.deviceLicense(rowId))).replaceWithVoid(), "blocked " + rowId);
    }

    public Uni<Void> unblocked(long rowId) {
        return retried(redis.key().del(RedisKeys.deviceBlocked(rowId), RedisKeys.deviceLicense(rowId)).replaceWithVoid(),
                "unblocked " + rowId);
    }

    private static Uni<Void> retried(Uni<Void> op, String what) {
        return op.onFailure().retry().withBackOff(Duration.ofMillis(50), Duration.ofMillis(500)).atMost(3)
                .onFailure().invoke(f -> LOG.errorf("Redis update after commit failed (%s): %s", what, f.getMessage()))
                .onFailure().recoverWithNull();
    }
}
