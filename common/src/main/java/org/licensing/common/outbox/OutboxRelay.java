package org.licensing.common.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.licensing.common.events.StreamCeiling;
import org.licensing.common.events.StreamConfig;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Publishes outbox rows to {@code lm:events:{n}} at least once. Rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several instances relay in parallel without publishing the
 * same row twice in the normal case; if Redis fails the transaction rolls back and the rows are
 * retried. A crash after XADD and before commit republishes: consumers deduplicate by event id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final StreamConfig streams;
    private final StreamCeiling ceiling;
    private final String claimSql;
    private final String purgeSql;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();

    public OutboxRelay(Pool pool, ReactiveRedisDataSource redis, StreamConfig streams, StreamCeiling ceiling,
            @ConfigProperty(name = "licensing.schema") String schema,
            @ConfigProperty(name = "licensing.outbox.batch-size", defaultValue = "500") int batchSize) {
        this.pool = pool;
        this.redis = redis;
        this.streams = streams;
        this.ceiling = ceiling;
        this.batchSize = batchSize;
        String table = schema + ".outbox";
        this.claimSql = "UPDATE " + table + " SET published_at = now() WHERE id IN (SELECT id FROM " + table
                + " WHERE published_at IS NULL ORDER BY id LIMIT " + batchSize
                + " FOR UPDATE SKIP LOCKED) RETURNING id, partition_key, payload";
        this.purgeSql = "DELETE FROM " + table + " WHERE published_at < now() - interval '1 day'";
    }

    /** Called after a commit that wrote events, so they leave now rather than at the next tick. */
    public void kick() {
        publishPending().subscribe().with(n -> { }, f -> LOG.debugf("Outbox relay deferred: %s", f.getMessage()));
    }

    @Scheduled(every = "${licensing.outbox.relay-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return publishPending().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warnf("Outbox relay failed, will retry: %s", f.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Publishes everything pending; returns how many events left. */
    public Uni<Integer> publishPending() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().item(0);
        }
        return publishBatches(0).eventually(() -> running.set(false));
    }

    /** Stops at the memory ceiling: the rows wait in the outbox (PostgreSQL) until the consumers catch up. */
    private Uni<Integer> publishBatches(int soFar) {
        return ceiling.atCeiling().chain(full -> full ? Uni.createFrom().item(soFar) : publishOneBatchThen(soFar));
    }

    private Uni<Integer> publishOneBatchThen(int soFar) {
        return publishOneBatch().chain(n -> n < batchSize ? Uni.createFrom().item(soFar + n) : publishBatches(soFar + n));
    }

    private Uni<Integer> publishOneBatch() {
        return pool.withTransaction(tx -> tx.query(claimSql).execute().chain(rows -> {
            List<Row> claimed = new ArrayList<>();
            rows.forEach(claimed::add);
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            // no MAXLEN: only the consumer side trims, below what every group acknowledged (docs/streams.md)
            XAddArgs args = new XAddArgs();
            return Multi.createFrom().iterable(claimed)
                    .onItem().transformToUniAndConcatenate(row -> redis.stream(String.class)
                            .xadd(streams.eventsPartition(row.getString("partition_key")), args,
                                    Map.of("event", row.getString("payload"))))
                    .collect().asList()
                    .map(ids -> claimed.size());
        }));
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purgePublished() {
        return pool.query(purgeSql).execute().replaceWithVoid().onFailure().recoverWithNull();
    }
}
