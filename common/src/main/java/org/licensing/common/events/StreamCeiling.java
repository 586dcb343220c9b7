package org.licensing.common.events;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * Whether producers may append to the streams now ({@link MemoryCeiling} against Redis'
 * {@code used_memory}). The reading is cached for {@code licensing.streams.memory-check-every}, so
 * the check costs one {@code INFO memory} per instance per period, not one per request; concurrent
 * callers of an expired reading share one refresh. When Redis cannot be asked the last reading is
 * kept (the write that follows fails on its own, with the usual 503).
 *
 * <p>In a Redis Cluster the command goes to one node; every master carries a share of the partitions,
 * so one node's reading stands for the others (set the ceiling per node).
 */
@ApplicationScoped
public class StreamCeiling {

    private static final Logger LOG = Logger.getLogger(StreamCeiling.class);

    private final ReactiveRedisDataSource redis;
    private volatile MemoryCeiling ceiling;
    private final long checkEveryMillis;
    private final int retryAfterSeconds;
    private final boolean guardRequests;
    private final AtomicLong used = new AtomicLong(-1);
    private final AtomicLong readAt = new AtomicLong();
    private volatile Uni<Long> refreshing;

    public StreamCeiling(ReactiveRedisDataSource redis, StreamConfig config) {
        this.redis = redis;
        this.ceiling = new MemoryCeiling(config.memoryCeiling().asLongValue());
        this.checkEveryMillis = config.memoryCheckEvery().toMillis();
        this.retryAfterSeconds = config.ceilingRetryAfterSeconds();
        this.guardRequests = config.guardRequests();
    }

    /**
     * Test hook: another ceiling (bytes, 0 = none) for this instance, so a test can put the real
     * {@code used_memory} of a shared Redis above it; the reading and the rule stay the real ones.
     */
    public void ceilingForTests(long bytes) {
        this.ceiling = new MemoryCeiling(bytes);
    }

    public boolean enabled() {
        return ceiling.enabled();
    }

    /** Whether state-changing API requests of this service are checked ({@link StreamCeilingFilter}). */
    public boolean guardsRequests() {
        return guardRequests && ceiling.enabled();
    }

    /** Completes when appending is allowed; fails with 503 {@code SERVICE_UNAVAILABLE} + Retry-After at the ceiling. */
    public Uni<Void> admit() {
        if (!ceiling.enabled()) {
            return Uni.createFrom().voidItem();
        }
        return usedMemory().chain(bytes -> ceiling.refuses(bytes) ? Uni.createFrom().failure(refusal())
                : Uni.createFrom().voidItem());
    }

    /** True at the ceiling (for background producers, which wait instead of failing a request). */
    public Uni<Boolean> atCeiling() {
        if (!ceiling.enabled()) {
            return Uni.createFrom().item(false);
        }
        return usedMemory().map(ceiling::refuses);
    }

    public ProblemException refusal() {
        return new ProblemException(503, ProblemCodes.SERVICE_UNAVAILABLE,
                "The event store is at its memory ceiling until its consumers catch up; retry later")
                .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
    }

    private Uni<Long> usedMemory() {
        long now = System.currentTimeMillis();
        if (now - readAt.get() < checkEveryMillis) {
            return Uni.createFrom().item(used.get());
        }
        Uni<Long> inFlight = refreshing;
        if (inFlight != null) {
            return inFlight;
        }
        Uni<Long> read = redis.execute("INFO", "memory")
                .map(r -> MemoryCeiling.usedMemory(r == null ? null : r.toString()))
                .invoke(bytes -> {
                    if (bytes >= 0) {
                        used.set(bytes);
                    }
                    readAt.set(System.currentTimeMillis());
                })
                .map(bytes -> used.get())
                .onFailure().recoverWithItem(f -> {
                    LOG.debugf("used_memory not read: %s", f.getMessage());
                    return used.get();
                })
                .eventually(() -> refreshing = null)
                .memoize().indefinitely();
        refreshing = read;
        return read;
    }
}
