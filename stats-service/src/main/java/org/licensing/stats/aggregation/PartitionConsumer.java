package org.licensing.stats.aggregation;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.ReactiveStreamCommands;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One consumer of the group on stream partitions. A poll of a partition:
 * <ol>
 * <li>opens a PostgreSQL transaction and locks the partition's {@code stream_offsets} row with
 * {@code FOR UPDATE SKIP LOCKED}: if another consumer (any instance) holds it, the partition is busy and
 * skipped, so exactly one consumer reads and applies a partition at a time and entries are applied in id
 * order;</li>
 * <li>claims every pending entry of the group (XAUTOCLAIM: entries a crashed consumer read but did not
 * acknowledge) and, only when there are none, reads new entries (XREADGROUP {@code >}, no BLOCK);</li>
 * <li>applies the entries with an id above the recorded offset and moves the offset, in the same
 * transaction; commits;</li>
 * <li>acknowledges the batch (XACK). A crash before the commit leaves the entries pending and unapplied;
 * after the commit and before XACK, pending but applied: the next poll claims them and skips them.</li>
 * </ol>
 * Why claiming everything pending is safe: under the row lock nobody else works on the partition, and the
 * pending entries are either applied already (id at or below the offset) or the one unapplied batch that was
 * read last, whose ids are all above the offset, so the offset never passes an entry that was not applied.
 */
public class PartitionConsumer {

    private static final Logger LOG = Logger.getLogger(PartitionConsumer.class);
    static final String LOCK_SQL = "SELECT last_id FROM stats.stream_offsets WHERE stream_key = $1 FOR UPDATE SKIP LOCKED";
    static final String REGISTER_SQL = "INSERT INTO stats.stream_offsets (stream_key) VALUES ($1) ON CONFLICT DO NOTHING";

    private final Pool pool;
    private final ReactiveStreamCommands<String, String, String> streams;
    private final BatchApplier applier;
    private final AggregationMetrics metrics;
    private final String group;
    private final String consumer;
    private final int batchSize;
    private final Duration claimMinIdle;
    private final Duration redisTimeout;
    private final Set<String> ready = ConcurrentHashMap.newKeySet();
    /** Test hook: false simulates a crash between the commit and XACK. */
    private volatile boolean acknowledge = true;

    public PartitionConsumer(Pool pool, ReactiveRedisDataSource redis, BatchApplier applier, AggregationMetrics metrics,
            String group, String consumer, int batchSize, Duration claimMinIdle) {
        this(pool, redis, applier, metrics, group, consumer, batchSize, claimMinIdle, Duration.ofSeconds(5));
    }

    public PartitionConsumer(Pool pool, ReactiveRedisDataSource redis, BatchApplier applier, AggregationMetrics metrics,
            String group, String consumer, int batchSize, Duration claimMinIdle, Duration redisTimeout) {
        this.pool = pool;
        this.streams = redis.stream(String.class, String.class, String.class);
        this.applier = applier;
        this.metrics = metrics;
        this.group = group;
        this.consumer = consumer;
        this.batchSize = batchSize;
        this.claimMinIdle = claimMinIdle;
        this.redisTimeout = redisTimeout;
    }

    public String name() {
        return consumer;
    }

    /** Test hook: stop acknowledging after the commit, as if the process died right there. */
    public void acknowledgeAfterCommit(boolean acknowledge) {
        this.acknowledge = acknowledge;
    }

    /** Reads, applies and acknowledges at most one batch of {@code streamKey}. */
    public Uni<BatchResult> pollOnce(String streamKey, StreamKind kind) {
        return prepare(streamKey)
                .chain(() -> pool.withTransaction(tx -> tx.preparedQuery(LOCK_SQL).execute(Tuple.of(streamKey))
                        .chain(rows -> {
                            if (!rows.iterator().hasNext()) {
                                return Uni.createFrom().item(BatchResult.BUSY);
                            }
                            StreamEntryId applied = StreamEntryId.parse(rows.iterator().next().getString(0));
                            return fetch(streamKey).chain(entries -> entries.isEmpty()
                                    ? Uni.createFrom().item(BatchResult.EMPTY)
                                    : applier.apply(tx, streamKey, kind, applied, entries));
                        })))
                .invoke(r -> metrics.recorded(kind, r, System.currentTimeMillis()))
                .call(r -> r.ackIds().isEmpty() || !acknowledge ? Uni.createFrom().voidItem()
                        : streams.xack(streamKey, group, r.ackIds().toArray(String[]::new))
                                .ifNoItem().after(redisTimeout).fail().replaceWithVoid())
                .onFailure().invoke(f -> {
                    applier.batchFailed();
                    if (String.valueOf(f.getMessage()).contains("NOGROUP")) {
                        ready.remove(streamKey); // stream or group deleted: create them again next time
                    }
                });
    }

    private Uni<List<StreamMessage<String, String, String>>> fetch(String streamKey) {
        return claim(streamKey, "0-0").ifNoItem().after(redisTimeout).fail();
    }

    /**
     * Pending entries first. New entries are read only when the whole pending list has been walked (cursor
     * back at 0-0): an empty page can also mean the page held only entries trimmed from the stream.
     */
    private Uni<List<StreamMessage<String, String, String>>> claim(String streamKey, String from) {
        return streams.xautoclaim(streamKey, group, consumer, claimMinIdle, from, batchSize)
                .chain(claimed -> {
                    List<StreamMessage<String, String, String>> pending = claimed == null ? null : claimed.getMessages();
                    if (pending != null && !pending.isEmpty()) {
                        return Uni.createFrom().item(pending);
                    }
                    String next = claimed == null ? null : claimed.getId();
                    if (next != null && !"0-0".equals(next)) {
                        return claim(streamKey, next);
                    }
                    return streams.xreadgroup(group, consumer, streamKey, ">", new XReadGroupArgs().count(batchSize))
                            .map(l -> l == null ? List.<StreamMessage<String, String, String>>of() : l);
                });
    }

    /** Creates the consumer group (from the start of the stream) and the offset row once per key. */
    private Uni<Void> prepare(String streamKey) {
        if (ready.contains(streamKey)) {
            return Uni.createFrom().voidItem();
        }
        return streams.xgroupCreate(streamKey, group, "0", new XGroupCreateArgs().mkstream())
                .onFailure(f -> String.valueOf(f.getMessage()).contains("BUSYGROUP")).recoverWithNull()
                .chain(() -> pool.preparedQuery(REGISTER_SQL).execute(Tuple.of(streamKey)))
                .invoke(() -> ready.add(streamKey))
                .invoke(() -> LOG.debugf("Consumer %s ready on %s", consumer, streamKey))
                .replaceWithVoid();
    }

    /** The partition's recorded offset (for diagnostics and tests). */
    public Uni<String> offset(String streamKey) {
        return pool.preparedQuery("SELECT last_id FROM stats.stream_offsets WHERE stream_key = $1")
                .execute(Tuple.of(streamKey))
                .map((RowSet<Row> rows) -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }
}
