package org.licensing.stats.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.HeartbeatEntry;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * "Nothing acknowledged is ever lost" and nothing unacknowledged either: the consumer stays away while
 * far more entries arrive than the old {@code XADD MAXLEN ~} cap kept (scaled down here to
 * {@link #OLD_CAP}), a second group lags, a consumer dies with a batch pending; the trimmer runs all the
 * while and removes only what every group acknowledged, and once the consumer is back every entry is
 * applied exactly once. On a stream of its own, so other tests and the scheduled trimmer never touch it.
 */
@QuarkusTest
class StreamRetentionTest {

    private static final String GROUP = "stats-retention-test";
    private static final String EXPORTER = "exporter-test";
    private static final int OLD_CAP = 1_000;
    private static final int SENT = 2_500;
    private static final int EXPORTED = 2_000;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    BatchApplier applier;
    @Inject
    AggregationMetrics metrics;
    @Inject
    StreamTrimmer trimmer;

    private PartitionConsumer consumer(String name) {
        return new PartitionConsumer(pool, redis, applier, metrics, GROUP, name, 500, Duration.ZERO);
    }

    @Test
    void aStoppedConsumerLosesNothingAndOnlyWhatEveryGroupAcknowledgedIsTrimmed() {
        String key = "test-stats-retention-" + UUID.randomUUID() + ":heartbeats:0";
        var streams = redis.stream(String.class);
        streams.xgroupCreate(key, GROUP, "0", new XGroupCreateArgs().mkstream()).await().atMost(WAIT);
        streams.xgroupCreate(key, EXPORTER, "0").await().atMost(WAIT);
        long account = ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
        long sent = send(key, account, SENT);

        // The consumer is away: trimming removes nothing, past the old cap.
        PartitionBacklog away = trimmer.trim(key).await().atMost(WAIT);
        assertEquals(0, away.trimmed());
        assertEquals(SENT, away.length());
        assertTrue(away.length() > OLD_CAP, "more than the old cap is retained");
        assertEquals(SENT, away.backlog(), "neither group has acknowledged anything");

        // Another group reads and acknowledges most entries: still nothing goes, ours has read none.
        List<String> exported = readAndAck(key, EXPORTER, EXPORTED);
        PartitionBacklog exporterAhead = trimmer.trim(key).await().atMost(WAIT);
        assertEquals(0, exporterAhead.trimmed());
        assertEquals(SENT, exporterAhead.backlog());
        assertEquals(GROUP, exporterAhead.slowestGroup());

        // Our consumer applies a batch and dies before XACK: its pending entries hold the trim back.
        PartitionConsumer crashing = consumer("crashing");
        crashing.acknowledgeAfterCommit(false);
        assertEquals(500, crashing.pollOnce(key, StreamKind.HEARTBEATS).await().atMost(WAIT).applied());
        PartitionBacklog pending = trimmer.trim(key).await().atMost(WAIT);
        assertEquals(0, pending.trimmed(), "pending entries are not acknowledged");
        assertEquals(SENT, pending.backlog());

        // The consumer is back: every entry applied once, none lost.
        int[] drained = drain(consumer("resumed"), key);
        assertEquals(SENT - 500, drained[0]);
        assertEquals(500, drained[1], "the applied but unacknowledged batch is skipped, not counted again");
        Row totals = pool.preparedQuery("SELECT usage_seconds, heartbeats FROM stats.usage_totals WHERE scope = 'account' AND scope_id = $1")
                .execute(Tuple.of(Long.toString(account))).await().atMost(WAIT).iterator().next();
        assertEquals(sent, totals.getLong("usage_seconds"));
        assertEquals(SENT, totals.getLong("heartbeats"));

        // Now the lagging group is the floor: exactly what both groups acknowledged is trimmed.
        PartitionBacklog caughtUp = trimmer.trim(key).await().atMost(WAIT);
        assertEquals(EXPORTED, caughtUp.trimmed());
        assertEquals(SENT - EXPORTED, caughtUp.length());
        assertEquals(SENT - EXPORTED, caughtUp.backlog());
        assertEquals(EXPORTER, caughtUp.slowestGroup());
        List<StreamMessage<String, String, String>> left = streams.xrange(key, StreamRange.of("-", "+"), 1)
                .await().atMost(WAIT);
        assertTrue(compare(left.get(0).id(), exported.get(exported.size() - 1)) > 0,
                "the first entry left is the first one the exporter has not acknowledged");

        readAndAck(key, EXPORTER, SENT - EXPORTED);
        PartitionBacklog done = trimmer.trim(key).await().atMost(WAIT);
        assertEquals(SENT - EXPORTED, done.trimmed());
        assertEquals(0, done.length());
        assertEquals(0, done.backlog());
        redis.key().del(key).await().atMost(WAIT);
    }

    @Test
    void aStreamWithoutGroupsIsNeverTrimmed() {
        String key = "test-stats-retention-" + UUID.randomUUID() + ":events:0";
        send(key, 42, 10);
        PartitionBacklog b = trimmer.trim(key).await().atMost(WAIT);
        assertEquals(0, b.trimmed());
        assertEquals(10, b.length());
        assertEquals(10, b.backlog());
        assertEquals("", b.minId());
        redis.key().del(key).await().atMost(WAIT);
    }

    private long send(String key, long account, int count) {
        long total = 0;
        String device = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000L, 9_000_000L));
        for (int i = 1; i <= count; i++) {
            long seconds = 30 + (i % 31);
            total += seconds;
            redis.stream(String.class).xadd(key, new XAddArgs(), new HeartbeatEntry(1, UUID.randomUUID().toString(),
                    "s-" + account, 7, account, device, System.currentTimeMillis(), seconds, "retention-test").toFields())
                    .await().atMost(WAIT);
        }
        return total;
    }

    private List<String> readAndAck(String key, String group, int count) {
        List<String> ids = new ArrayList<>();
        var streams = redis.stream(String.class);
        while (ids.size() < count) {
            List<StreamMessage<String, String, String>> batch = streams.xreadgroup(group, "exporter-1", key, ">",
                    new XReadGroupArgs().count(Math.min(500, count - ids.size()))).await().atMost(WAIT);
            List<String> batchIds = batch.stream().map(StreamMessage::id).toList();
            streams.xack(key, group, batchIds.toArray(String[]::new)).await().atMost(WAIT);
            ids.addAll(batchIds);
        }
        return ids;
    }

    private int[] drain(PartitionConsumer c, String key) {
        int applied = 0, skipped = 0;
        for (int i = 0; i < 1_000; i++) {
            BatchResult r = c.pollOnce(key, StreamKind.HEARTBEATS).await().atMost(WAIT);
            if (!r.busy() && r.size() == 0) {
                return new int[] { applied, skipped };
            }
            applied += r.applied();
            skipped += r.skipped();
        }
        throw new AssertionError("stream never drained");
    }

    private static int compare(String a, String b) {
        return StreamEntryId.parse(a).compareTo(StreamEntryId.parse(b));
    }
}
