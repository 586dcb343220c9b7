package org.licensing.stats.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.events.HeartbeatEntry;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.XAddArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The consumers on streams of their own (not the service's configured ones): crash between commit and XACK,
 * crash between read and commit, two consumers on one stream, events stored once.
 */
@QuarkusTest
class AggregationTest {

    private static final String GROUP = "stats-aggregator-test";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    Pool pool;
    @Inject
    ReactiveRedisDataSource redis;
    @Inject
    BatchApplier applier;
    @Inject
    AggregationMetrics metrics;
    @Inject
    ObjectMapper json;

    private PartitionConsumer consumer(String name, int batch) {
        return new PartitionConsumer(pool, redis, applier, metrics, GROUP, name, batch, Duration.ZERO);
    }

    private static String key(String what) {
        return "test-stats-agg-" + UUID.randomUUID() + ":" + what;
    }

    private static long randomId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000_000L);
    }

    private String xadd(String key, Map<String, String> fields) {
        return redis.stream(String.class).xadd(key, new XAddArgs(), fields).await().atMost(WAIT);
    }

    private long sendHeartbeats(String key, long account, long license, String device, int count) {
        long total = 0;
        for (int i = 1; i <= count; i++) {
            long seconds = 30 + (i % 31);
            total += seconds;
            xadd(key, new HeartbeatEntry(1, UUID.randomUUID().toString(), "s-" + account, license, account, device,
                    System.currentTimeMillis(), seconds, "session-test").toFields());
        }
        return total;
    }

    private Row totals(String scope, String id) {
        var rows = pool.preparedQuery("SELECT logins, usage_seconds, heartbeats FROM stats.usage_totals WHERE scope = $1 AND scope_id = $2")
                .execute(Tuple.of(scope, id)).await().atMost(WAIT);
        return rows.iterator().hasNext() ? rows.iterator().next() : null;
    }

    private long usage(String scope, String id) {
        Row r = totals(scope, id);
        return r == null ? 0 : r.getLong("usage_seconds");
    }

    private long pending(String key) {
        return redis.stream(String.class).xpending(key, GROUP).await().atMost(WAIT).getPendingCount();
    }

    /** Polls until a poll finds nothing to do; returns the summed results. */
    private int[] drain(PartitionConsumer c, String key, StreamKind kind) {
        int applied = 0, skipped = 0, rejected = 0;
        for (int i = 0; i < 10_000; i++) {
            BatchResult r = c.pollOnce(key, kind).await().atMost(WAIT);
            if (!r.busy() && r.size() == 0) {
                return new int[] { applied, skipped, rejected };
            }
            applied += r.applied();
            skipped += r.skipped();
            rejected += r.rejected();
        }
        throw new AssertionError("stream never drained");
    }

    @Test
    void crashBetweenCommitAndAckNeitherLosesNorDoubleCounts() {
        String key = key("heartbeats:0");
        long account = randomId(), license = randomId();
        String device = Long.toString(randomId());
        long sent = sendHeartbeats(key, account, license, device, 25);

        PartitionConsumer first = consumer("first", 10);
        first.acknowledgeAfterCommit(false); // dies after the commit, before XACK
        BatchResult r = first.pollOnce(key, StreamKind.HEARTBEATS).await().atMost(WAIT);
        assertEquals(10, r.applied());
        assertEquals(10, pending(key), "the applied batch is still pending: it was never acknowledged");
        long afterFirst = usage("account", Long.toString(account));
        assertTrue(afterFirst > 0);

        // A consumer that read five more entries and died before applying them.
        sent += sendHeartbeats(key, account, license, device, 5);
        redis.stream(String.class).xreadgroup(GROUP, "dead-before-commit", key, ">", new XReadGroupArgs().count(5))
                .await().atMost(WAIT);

        PartitionConsumer second = consumer("second", 10);
        int[] totals = drain(second, key, StreamKind.HEARTBEATS);
        assertEquals(10, totals[1], "the ten applied but unacknowledged entries are skipped, not counted again");
        assertEquals(20, totals[0], "every other entry is applied once");

        assertEquals(sent, usage("account", Long.toString(account)));
        assertEquals(sent, usage("license", Long.toString(license)));
        assertEquals(sent, usage("device", device));
        assertEquals(30, totals("account", Long.toString(account)).getLong("heartbeats"));
        assertEquals(0, pending(key));

        // Redelivery of everything (as if the group were reset) changes nothing.
        redis.execute("XGROUP", "SETID", key, GROUP, "0").await().atMost(WAIT);
        int[] again = drain(consumer("third", 50), key, StreamKind.HEARTBEATS);
        assertEquals(0, again[0]);
        assertEquals(30, again[1]);
        assertEquals(sent, usage("account", Long.toString(account)));
    }

    @Test
    void twoConsumersOnOneStreamGiveTheSameTotalsAsOne() throws Exception {
        String shared = key("heartbeats:0"), single = key("heartbeats:0");
        long accountShared = randomId(), accountSingle = randomId(), license = randomId();
        int n = 400;
        String device = Long.toString(randomId());
        long expected = sendHeartbeats(shared, accountShared, license, device, n);
        assertEquals(expected, sendHeartbeats(single, accountSingle, license, device, n));

        drain(consumer("alone", 7), single, StreamKind.HEARTBEATS);

        PartitionConsumer a = consumer("pair-a", 7), b = consumer("pair-b", 7);
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        int[][] counts = new int[2][2];
        PartitionConsumer[] pair = { a, b };
        for (int t = 0; t < 2; t++) {
            int idx = t;
            Thread th = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        BatchResult r = pair[idx].pollOnce(shared, StreamKind.HEARTBEATS).await().atMost(WAIT);
                        counts[idx][0] += r.applied();
                        counts[idx][1] += r.busy() ? 1 : 0;
                        if (r.busy() || r.size() == 0) {
                            Thread.sleep(2);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline) && (usage("account", Long.toString(accountShared)) < expected || pending(shared) > 0)) {
            Thread.sleep(50);
        }
        Thread.sleep(200); // let any late batch land: it must not add anything
        stop.set(true);
        for (Thread th : threads) {
            th.join();
        }
        assertTrue(failures.isEmpty(), () -> "consumer failed: " + failures);
        assertEquals(usage("account", Long.toString(accountSingle)), usage("account", Long.toString(accountShared)));
        assertEquals(expected, usage("account", Long.toString(accountShared)));
        assertEquals(n, totals("account", Long.toString(accountShared)).getLong("heartbeats"));
        assertEquals(n, counts[0][0] + counts[1][0], "every entry applied exactly once across the two consumers");
        assertEquals(0, pending(shared));
    }

    @Test
    void eventsAreStoredOnceAndLoginsCountedOnce() throws Exception {
        String key = key("events:0");
        long account = randomId(), license = randomId();
        String device = Long.toString(randomId());
        String server = "session-" + UUID.randomUUID();
        EventEnvelope started = EventEnvelope.of(EventTypes.SESSION_STARTED).account(account).license(license)
                .device(device).source("session-service").data(Map.of("server", server, "client_version", "1.2")).build();
        String body = json.writeValueAsString(started);
        xadd(key, Map.of("event", body));
        xadd(key, Map.of("event", body)); // the outbox relay published it twice
        xadd(key, Map.of("event", "{not json"));
        xadd(key, Map.of("event", json.writeValueAsString(new EventEnvelope(1, UUID.randomUUID().toString(),
                EventTypes.LICENSE_VALIDATED, Instant.parse("3000-01-01T00:00:00Z"), "info", account, license, null, null,
                null, null, Map.of())))); // a broken producer clock: no partition can hold it
        xadd(key, Map.of("event", json.writeValueAsString(EventEnvelope.of(EventTypes.LICENSE_VALIDATED).license(license).build())));

        int[] r = drain(consumer("events", 2), key, StreamKind.EVENTS);
        assertEquals(2, r[2], "the unreadable entry and the one from year 3000 are rejected");
        assertEquals(0, pending(key), "and acknowledged, so it cannot stall the partition");

        // A later batch redelivers the same event again.
        xadd(key, Map.of("event", body));
        drain(consumer("events-2", 10), key, StreamKind.EVENTS);

        var stored = pool.preparedQuery("SELECT type, account_id, details->>'client_version' AS v FROM stats.event_log WHERE license_id = $1")
                .execute(Tuple.of(license)).await().atMost(WAIT);
        assertEquals(2, stored.size());
        assertEquals(1, totals("account", Long.toString(account)).getLong("logins"));
        assertEquals(1, totals("license", Long.toString(license)).getLong("logins"));
        assertEquals(1, totals("device", device).getLong("logins"));
        assertEquals(1, totals("server", server).getLong("logins"), "per server too");
    }
}
