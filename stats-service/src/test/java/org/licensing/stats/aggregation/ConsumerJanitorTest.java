package org.licensing.stats.aggregation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Dead consumers (pods that are gone) leave the group; live, busy or own ones stay. */
@QuarkusTest
class ConsumerJanitorTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ConsumerJanitor janitor;
    @Inject
    AggregationWorker worker;
    @Inject
    AggregationConfig config;
    @Inject
    ReactiveRedisDataSource redis;

    private List<String> consumerNames(String key) {
        return ConsumerJanitor.consumers(redis.execute("XINFO", "CONSUMERS", key, config.group()).await().atMost(WAIT))
                .stream().map(ConsumerJanitor.GroupConsumer::name).toList();
    }

    @Test
    void consumersIdleLongerThanTheLimitWithNothingPendingAreDeleted() throws Exception {
        String key = worker.keys(StreamKind.HEARTBEATS).get(0);
        redis.execute("XGROUP", "CREATE", key, config.group(), "$", "MKSTREAM")
                .onFailure(f -> f.getMessage() != null && f.getMessage().contains("BUSYGROUP")).recoverWithNull()
                .await().atMost(WAIT);
        String dead = "dead-pod-" + UUID.randomUUID();
        redis.execute("XGROUP", "CREATECONSUMER", key, config.group(), dead).await().atMost(WAIT);
        Thread.sleep(config.consumerMaxIdle().toMillis() + 300);
        String fresh = "fresh-pod-" + UUID.randomUUID();
        redis.execute("XGROUP", "CREATECONSUMER", key, config.group(), fresh).await().atMost(WAIT);
        assertTrue(consumerNames(key).contains(dead));

        janitor.removeIdleConsumers().await().atMost(WAIT);

        List<String> left = consumerNames(key);
        assertFalse(left.contains(dead), "idle past the limit with nothing pending: deleted");
        assertTrue(left.contains(fresh), "idle for less than the limit: kept");
    }

    @Test
    void onlyIdleConsumersOfOtherInstancesWithNothingPendingAreRemovable() {
        long limit = 3_600_000;
        assertTrue(ConsumerJanitor.removable(new ConsumerJanitor.GroupConsumer("old-pod", 0, limit), "me", limit));
        assertFalse(ConsumerJanitor.removable(new ConsumerJanitor.GroupConsumer("old-pod", 3, limit * 5), "me", limit),
                "entries pending: a claim will move them, never delete them with the consumer");
        assertFalse(ConsumerJanitor.removable(new ConsumerJanitor.GroupConsumer("old-pod", 0, limit - 1), "me", limit));
        assertFalse(ConsumerJanitor.removable(new ConsumerJanitor.GroupConsumer("me", 0, limit * 5), "me", limit));
    }
}
