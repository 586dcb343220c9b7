package org.licensing.stats.aggregation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What this instance's aggregation does: entries applied (Micrometer counter, and a rate over the last
 * 10 s for /api/v1/stats/aggregation), lag of heartbeats from their ts to the commit that made them visible.
 */
@ApplicationScoped
public class AggregationMetrics {

    static final long WINDOW_MS = 10_000;

    private final Counter heartbeatsApplied;
    private final Counter eventsApplied;
    private final Counter skipped;
    private final Counter rejected;
    private final AtomicLong lastHeartbeatTs = new AtomicLong();
    private final AtomicLong lastBatchLagMs = new AtomicLong(-1);
    private final AtomicLong appliedTotal = new AtomicLong();
    private final Deque<long[]> samples = new ArrayDeque<>();

    public AggregationMetrics(MeterRegistry registry) {
        heartbeatsApplied = Counter.builder("stats.aggregation.entries.applied").tag("stream", "heartbeats")
                .description("Stream entries applied to the aggregates").register(registry);
        eventsApplied = Counter.builder("stats.aggregation.entries.applied").tag("stream", "events")
                .description("Stream entries applied to the aggregates").register(registry);
        skipped = Counter.builder("stats.aggregation.entries.skipped")
                .description("Redelivered entries skipped because their id was already applied").register(registry);
        rejected = Counter.builder("stats.aggregation.entries.rejected")
                .description("Unreadable entries acknowledged without effect").register(registry);
        Gauge.builder("stats.aggregation.lag.seconds", this, m -> m.heartbeatLagMs() / 1000.0)
                .description("Now minus the ts of the last heartbeat applied by this instance").register(registry);
        Gauge.builder("stats.aggregation.batch.lag.seconds", this, m -> Math.max(0, m.lastBatchLagMs.get()) / 1000.0)
                .description("Commit time minus the ts of the oldest heartbeat of the last batch").register(registry);
    }

    void recorded(StreamKind kind, BatchResult r, long commitMillis) {
        (kind == StreamKind.HEARTBEATS ? heartbeatsApplied : eventsApplied).increment(r.applied());
        skipped.increment(r.skipped());
        rejected.increment(r.rejected());
        if (r.applied() > 0) {
            appliedTotal.addAndGet(r.applied());
            synchronized (samples) {
                samples.addLast(new long[] { commitMillis, r.applied() });
                trim(commitMillis);
            }
        }
        if (kind == StreamKind.HEARTBEATS && r.newestTs() > 0) {
            lastHeartbeatTs.accumulateAndGet(r.newestTs(), Math::max);
            lastBatchLagMs.set(Math.max(0, commitMillis - r.oldestTs()));
        }
    }

    private void trim(long now) {
        while (!samples.isEmpty() && samples.peekFirst()[0] < now - WINDOW_MS) {
            samples.removeFirst();
        }
    }

    public double entriesPerSecond() {
        long now = System.currentTimeMillis();
        synchronized (samples) {
            trim(now);
            long sum = 0;
            for (long[] s : samples) {
                sum += s[1];
            }
            return sum * 1000.0 / WINDOW_MS;
        }
    }

    public long appliedTotal() {
        return appliedTotal.get();
    }

    /** -1 when this instance has applied no heartbeat yet. */
    public long heartbeatLagMs() {
        long ts = lastHeartbeatTs.get();
        return ts == 0 ? -1 : Math.max(0, System.currentTimeMillis() - ts);
    }

    public long lastBatchLagMs() {
        return lastBatchLagMs.get();
    }
}
