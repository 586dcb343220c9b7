package org.licensing.stats.aggregation;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.licensing.common.events.StreamConfig;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Drives this instance's consumer over every partition of lm:heartbeats and lm:events: each partition has
 * its own loop that polls again at once after a full batch and waits {@code idle-wait} after a partial one,
 * longer after empty ones ({@link PollPacing}). Every instance loops over every partition; the offset row lock makes an instance skip a
 * partition another instance is applying right now, so P partitions keep up to P instances busy.
 */
@ApplicationScoped
public class AggregationWorker {

    private static final Logger LOG = Logger.getLogger(AggregationWorker.class);

    private final Vertx vertx;
    private final AggregationConfig config;
    private final StreamConfig streams;
    private final PartitionConsumer consumer;
    private volatile boolean stopped;

    public AggregationWorker(Vertx vertx, Pool pool, ReactiveRedisDataSource redis, BatchApplier applier,
            AggregationMetrics metrics, AggregationConfig config, StreamConfig streams,
            @ConfigProperty(name = "licensing.instance") String instance) {
        this.vertx = vertx;
        this.config = config;
        this.streams = streams;
        // The pod/host name: a restarted pod reuses its name, so the group does not collect dead consumers.
        // Correctness does not depend on it: the owner of a partition claims every pending entry anyway.
        this.consumer = new PartitionConsumer(pool, redis, applier, metrics, config.group(), instance,
                config.batchSize(), config.claimMinIdle(), config.redisTimeout());
    }

    /** The stream keys this service consumes: every partition of each stream. */
    public List<String> keys(StreamKind kind) {
        List<String> out = new ArrayList<>();
        String base = switch (kind) {
            case HEARTBEATS -> streams.heartbeats();
            case EVENTS -> streams.events();
            case VALIDATIONS -> streams.validations();
        };
        for (int n = 0; n < streams.partitions(); n++) {
            out.add(base + ":" + n);
        }
        return out;
    }

    void onStart(@Observes StartupEvent ev) {
        if (!config.enabled()) {
            LOG.info("Stream aggregation disabled in this instance");
            return;
        }
        for (StreamKind kind : StreamKind.values()) {
            for (String key : keys(kind)) {
                vertx.setTimer(1, id -> loop(key, kind, 1));
            }
        }
        LOG.infof("Aggregating %d partitions of %s, %s and %s as consumer %s", streams.partitions(), streams.heartbeats(),
                streams.events(), streams.validations(), consumer.name());
    }

    void onStop(@Observes ShutdownEvent ev) {
        stopped = true;
    }

    private void loop(String key, StreamKind kind, long delayMs) {
        if (stopped) {
            return;
        }
        consumer.pollOnce(key, kind).subscribe().with(
                r -> next(key, kind, PollPacing.nextDelayMs(delayMs, r.size(), config.batchSize(),
                        config.idleWait().toMillis(), config.maxIdleWait().toMillis())),
                f -> {
                    LOG.warnf("Aggregation of %s failed, will claim the batch again: %s", key, f.getMessage());
                    next(key, kind, config.failureWait().toMillis());
                });
    }

    private void next(String key, StreamKind kind, long delayMs) {
        if (!stopped) {
            long delay = Math.max(1, delayMs);
            vertx.setTimer(delay, id -> loop(key, kind, delay));
        }
    }
}
