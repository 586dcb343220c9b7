package org.licensing.stats.aggregation;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the stream aggregation ({@code licensing.stats.aggregation.*}). */
@ConfigMapping(prefix = "licensing.stats.aggregation")
public interface AggregationConfig {

    /** Run the partition consumers in this instance. */
    @WithDefault("true")
    boolean enabled();

    /** Consumer group on every lm:heartbeats:{n}, lm:events:{n} and lm:validations:{n}. */
    @WithDefault("stats-aggregator")
    String group();

    /** Entries read per batch (one PostgreSQL transaction each). */
    @WithDefault("500")
    int batchSize();

    /** Pause after a partial batch, and after the first empty or busy poll. No blocking XREADGROUP: no Redis connection is held while idle. */
    @WithDefault("100ms")
    Duration idleWait();

    /** Longest pause after empty polls in a row ({@link PollPacing}: each doubles the pause from {@code idle-wait}). */
    @WithDefault("1s")
    Duration maxIdleWait();

    /** Pause after a failed batch (Redis or PostgreSQL down); the batch is claimed again afterwards. */
    @WithDefault("2s")
    Duration failureWait();

    /**
     * Longest wait for a Redis answer while the partition's row lock is held; a Redis that hangs must not
     * keep the partition locked (the transaction is rolled back and the batch claimed again).
     */
    @WithDefault("5s")
    Duration redisTimeout();

    /**
     * Minimum idle time of a pending entry before XAUTOCLAIM takes it. The partition's offset row lock
     * already guarantees no other consumer is working on the partition, so 0 is safe and recovers at once.
     */
    @WithDefault("0s")
    Duration claimMinIdle();

    /**
     * Consumers of the group idle this long with nothing pending are deleted (pods of a Deployment get new
     * names on every rollout, so the group would collect one dead consumer per pod and partition). Deleting
     * one loses nothing: it holds no entries, and a live consumer that was merely idle is recreated by its
     * next read.
     */
    @WithDefault("1h")
    Duration consumerMaxIdle();

    /** How often the idle consumers are looked for. */
    @WithDefault("10m")
    String consumerCleanupEvery();

    /**
     * How often every partition is trimmed below what every consumer group acknowledged ({@link StreamTrimmer});
     * between two runs the streams only grow by what arrived meanwhile.
     */
    @WithDefault("5s")
    String trimEvery();
}
