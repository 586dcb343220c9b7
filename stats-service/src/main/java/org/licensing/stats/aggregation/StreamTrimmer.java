package org.licensing.stats.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.redis.LuaScript;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * The only place stream entries are removed. Producers append without {@code MAXLEN}; this trims
 * every partition of both streams by {@code XTRIM MINID} to the lowest position every consumer group
 * has acknowledged (its oldest pending entry, else the entry after its last delivered one), in one
 * script per partition, so a group that lags or a consumer that died with entries pending holds the
 * trim back instead of losing them ({@code redis/trim-acknowledged.lua}). Other services' groups
 * (license-notifications) count the same as ours. What is left is the backlog: a metric per partition
 * ({@code stats.stream.backlog}) and a readiness detail; the memory ceiling on the producers
 * ({@code licensing.streams.memory-ceiling}) stops it from filling Redis.
 */
@ApplicationScoped
public class StreamTrimmer {

    private static final Logger LOG = Logger.getLogger(StreamTrimmer.class);
    private static final LuaScript TRIM = LuaScript.fromResource("redis/trim-acknowledged.lua");

    private final ReactiveRedisDataSource redis;
    private final AggregationWorker worker;
    private final AggregationConfig config;
    private final Map<String, PartitionBacklog> last = new ConcurrentHashMap<>();
    private final Counter trimmed;

    public StreamTrimmer(ReactiveRedisDataSource redis, AggregationWorker worker, AggregationConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.worker = worker;
        this.config = config;
        this.trimmed = Counter.builder("stats.stream.trimmed")
                .description("Stream entries trimmed after every consumer group acknowledged them").register(registry);
        for (String key : keys()) {
            Gauge.builder("stats.stream.backlog", this, t -> t.backlog(key)).tag("partition", key)
                    .description("Entries of the partition not yet acknowledged by its slowest consumer group (-1 = not measured yet)")
                    .register(registry);
            Gauge.builder("stats.stream.length", this, t -> t.length(key)).tag("partition", key)
                    .description("Entries retained in the partition (-1 = not measured yet)").register(registry);
        }
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (StreamKind kind : StreamKind.values()) {
            keys.addAll(worker.keys(kind));
        }
        return keys;
    }

    @Scheduled(every = "${licensing.stats.aggregation.trim-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!config.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return trimAll().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warnf("Stream trim failed, will retry: %s", f.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Trims every partition of both streams; the items are the partitions' backlogs. */
    public Uni<List<PartitionBacklog>> trimAll() {
        return Multi.createFrom().iterable(keys()).onItem().transformToUniAndConcatenate(this::trim).collect().asList();
    }

    /** Trims one partition (any key: tests use their own) below what every group acknowledged. */
    public Uni<PartitionBacklog> trim(String streamKey) {
        return TRIM.run(redis, List.of(streamKey), List.of()).map(r -> parse(streamKey, r))
                .invoke(b -> {
                    last.put(streamKey, b);
                    trimmed.increment(b.trimmed());
                    if (b.trimmed() > 0) {
                        LOG.debugf("Trimmed %d entries of %s below %s; %d left, backlog %d (%s)", b.trimmed(), streamKey,
                                b.minId(), b.length(), b.backlog(), b.slowestGroup());
                    }
                });
    }

    /** The last measurement of each partition this service consumes (empty until the first trim). */
    public Map<String, PartitionBacklog> lastBacklogs() {
        return Map.copyOf(last);
    }

    private double backlog(String key) {
        PartitionBacklog b = last.get(key);
        return b == null ? -1 : b.backlog();
    }

    private double length(String key) {
        PartitionBacklog b = last.get(key);
        return b == null ? -1 : b.length();
    }

    private static PartitionBacklog parse(String key, Response r) {
        return new PartitionBacklog(key, r.get(0).toLong(), r.get(1).toLong(), r.get(2).toString(), r.get(3).toLong(),
                r.get(4).toString());
    }
}
