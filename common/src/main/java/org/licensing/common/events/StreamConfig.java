package org.licensing.common.events;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Redis streams that carry events and heartbeats to stats-service. Each is split into
 * {@code partitions} keys ({@code lm:events:0} ... {@code lm:events:N-1}); an entity always maps
 * to the same partition, so its entries stay in order and consumers can own partitions.
 * Changing {@code partitions} on a running system needs the streams drained first. Producers never
 * trim (no {@code MAXLEN}): the consumer side trims below what every group acknowledged.
 */
@ConfigMapping(prefix = "licensing.streams")
public interface StreamConfig {

    @WithDefault("lm:events")
    String events();

    @WithDefault("lm:heartbeats")
    String heartbeats();

    /**
     * {@code license.validated} events, the high-volume kind, on streams of their own: only stats-service
     * reads them. On {@code lm:events} license-service's notification group had to read and acknowledge
     * each one only to skip it (bench, same machine: license-service 97 -> 71-76 us and Redis 33 -> 28-31 us
     * per validation once they moved).
     */
    @WithDefault("lm:validations")
    String validations();

    @WithDefault("4")
    int partitions();

    /**
     * Redis {@code used_memory} at which producers refuse new work (503 {@code SERVICE_UNAVAILABLE} with
     * {@code Retry-After}) instead of appending: the streams are never capped, so this is what stops a
     * consumer outage from filling Redis. {@code 0} = no ceiling. Set it below Redis' {@code maxmemory}.
     */
    @WithDefault("0")
    MemorySize memoryCeiling();

    /** How long a reading of {@code used_memory} is reused (one INFO per instance per period). */
    @WithDefault("1s")
    Duration memoryCheckEvery();

    /** Seconds a refused client is told to wait ({@code Retry-After}). */
    @WithDefault("5")
    int ceilingRetryAfterSeconds();

    /**
     * Refuse state-changing API requests of this service at the ceiling (every such request writes an
     * event). Off in a service that appends nothing (stats-service).
     */
    @WithDefault("true")
    boolean guardRequests();

    default String eventsPartition(String partitionKey) {
        return events() + ":" + StreamPartitions.of(partitionKey, partitions());
    }

    /** The partition an event goes to: validations on {@link #validations()}, every other event on {@link #events()}. */
    default String partitionOf(EventEnvelope event) {
        return EventTypes.LICENSE_VALIDATED.equals(event.type())
                ? validationsPartition(event.partitionKey())
                : eventsPartition(event.partitionKey());
    }

    default String validationsPartition(String partitionKey) {
        return validations() + ":" + StreamPartitions.of(partitionKey, partitions());
    }

    default String heartbeatsPartition(String partitionKey) {
        return heartbeats() + ":" + StreamPartitions.of(partitionKey, partitions());
    }
}
