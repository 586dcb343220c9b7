package org.licensing.stats.usage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.smallrye.mutiny.Uni;

/**
 * Devices online now, from session-service's Redis state. session-service keeps every online device in
 * the sorted set {@code online:devices} scored by the expiry (epoch ms) of its online flag, so the count is
 * one {@code ZCOUNT key now +inf}. When that set is empty or absent (an older session-service), the online
 * flags {@code device:{s<p>}:<id>:online} (RedisKeys.deviceOnline) are counted with SCAN on every master
 * ({@link MasterScan}).
 * Either way the count is cached for {@code licensing.stats.online.cache}.
 */
@ApplicationScoped
public class OnlineDevices {

    public record Count(long onlineDevices, String method, long countedAtMillis) {}

    private final ReactiveRedisDataSource redis;
    private final MasterScan scan;
    private final String onlineSet;
    private final Duration cacheFor;
    private final AtomicReference<Count> cached = new AtomicReference<>();

    public OnlineDevices(ReactiveRedisDataSource redis, MasterScan scan,
            @ConfigProperty(name = "licensing.stats.online.zset", defaultValue = "online:devices") String onlineSet,
            @ConfigProperty(name = "licensing.stats.online.cache", defaultValue = "10s") Duration cacheFor) {
        this.redis = redis;
        this.scan = scan;
        this.onlineSet = onlineSet;
        this.cacheFor = cacheFor;
    }

    public Uni<Count> count() {
        Count c = cached.get();
        if (c != null && System.currentTimeMillis() - c.countedAtMillis() < cacheFor.toMillis()) {
            return Uni.createFrom().item(c);
        }
        long now = System.currentTimeMillis();
        return redis.sortedSet(String.class).zcount(onlineSet, ScoreRange.from((double) now, Double.POSITIVE_INFINITY))
                .chain(n -> n != null && n > 0 ? Uni.createFrom().item(new Count(n, "zset", now)) : scan(now))
                .invoke(cached::set);
    }

    private Uni<Count> scan(long now) {
        return scan.count("device:*:online").map(n -> new Count(n, "scan", now));
    }
}
