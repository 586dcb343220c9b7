package org.licensing.device.cache;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Re-pushes {@code device:{id}:blocked} for every blocked device, so a Redis failure right after a
 * block commit, or a Redis restart without persistence, cannot let a blocked device keep beating.
 */
@ApplicationScoped
public class BlockedFlagSync {

    private final Pool pool;
    private final ReactiveRedisDataSource redis;

    public BlockedFlagSync(Pool pool, ReactiveRedisDataSource redis) {
        this.pool = pool;
        this.redis = redis;
    }

    @Scheduled(every = "${licensing.devices.block-sync-every:5m}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sync() {
        return pool.query("SELECT id, blocked_reason FROM device.devices WHERE blocked").execute()
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate((Row r) -> redis.value(String.class).set(
                        RedisKeys.deviceBlocked(r.getLong("id")),
                        r.getString("blocked_reason") == null ? "blocked" : r.getString("blocked_reason")))
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
