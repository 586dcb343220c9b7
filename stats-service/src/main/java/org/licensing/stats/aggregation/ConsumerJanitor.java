package org.licensing.stats.aggregation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Deletes the group's consumers that have been idle for {@code consumer-max-idle} and hold no pending
 * entry, on every partition: what dead pods leave behind (see {@link AggregationConfig#consumerMaxIdle()}).
 * Any instance may run it; deleting the same consumer twice is harmless.
 */
@ApplicationScoped
public class ConsumerJanitor {

    private static final Logger LOG = Logger.getLogger(ConsumerJanitor.class);

    /** One consumer of a group as XINFO CONSUMERS reports it. */
    record GroupConsumer(String name, long pending, long idleMillis) {}

    private final ReactiveRedisDataSource redis;
    private final AggregationWorker worker;
    private final AggregationConfig config;
    private final String self;

    public ConsumerJanitor(ReactiveRedisDataSource redis, AggregationWorker worker, AggregationConfig config,
            @ConfigProperty(name = "licensing.instance") String self) {
        this.redis = redis;
        this.worker = worker;
        this.config = config;
        this.self = self;
    }

    @Scheduled(every = "${licensing.stats.aggregation.consumer-cleanup-every:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return removeIdleConsumers()
                .onFailure().recoverWithItem(f -> {
                    LOG.warnf("Could not clean up idle stream consumers, will retry: %s", f.getMessage());
                    return 0;
                })
                .replaceWithVoid();
    }

    /** Deletes idle consumers with nothing pending from every partition; the item is how many. */
    public Uni<Integer> removeIdleConsumers() {
        List<String> keys = new ArrayList<>();
        for (StreamKind kind : StreamKind.values()) {
            keys.addAll(worker.keys(kind));
        }
        return Multi.createFrom().iterable(keys)
                .onItem().transformToUniAndConcatenate(this::removeIdleConsumers)
                .collect().asList()
                .map(counts -> counts.stream().mapToInt(Integer::intValue).sum());
    }

    private Uni<Integer> removeIdleConsumers(String streamKey) {
        return redis.execute("XINFO", "CONSUMERS", streamKey, config.group())
                .map(ConsumerJanitor::consumers)
                // no stream or no group yet: nothing to clean
                .onFailure(f -> f.getMessage() != null && f.getMessage().contains("no such key")).recoverWithItem(List.of())
                .chain(consumers -> Multi.createFrom().iterable(consumers)
                        .filter(c -> removable(c, self, config.consumerMaxIdle().toMillis()))
                        .onItem().transformToUniAndConcatenate(c -> redis.stream(String.class)
                                .xgroupDelConsumer(streamKey, config.group(), c.name())
                                .invoke(() -> LOG.infof("Deleted idle stream consumer %s of %s (idle %d s)", c.name(),
                                        streamKey, c.idleMillis() / 1000)))
                        .collect().asList().map(List::size));
    }

    static boolean removable(GroupConsumer c, String self, long maxIdleMillis) {
        return c.pending() == 0 && c.idleMillis() >= maxIdleMillis && !c.name().equals(self);
    }

    /** XINFO CONSUMERS as records, whether Redis answered with RESP3 maps or RESP2 flat arrays. */
    static List<GroupConsumer> consumers(Response reply) {
        List<GroupConsumer> out = new ArrayList<>();
        if (reply == null) {
            return out;
        }
        for (Response entry : reply) {
            Map<String, String> f = new HashMap<>();
            java.util.Set<String> keys;
            try {
                keys = entry.getKeys();
            } catch (UnsupportedOperationException notAMap) {
                keys = null;
            }
            if (keys != null && !keys.isEmpty()) {
                for (String k : keys) {
                    f.put(k, entry.get(k).toString());
                }
            } else {
                for (int i = 0; i + 1 < entry.size(); i += 2) {
                    f.put(entry.get(i).toString(), entry.get(i + 1).toString());
                }
            }
            out.add(new GroupConsumer(f.get("name"), Long.parseLong(f.getOrDefault("pending", "0")),
                    Long.parseLong(f.getOrDefault("idle", "0"))));
        }
        return out;
    }
}
