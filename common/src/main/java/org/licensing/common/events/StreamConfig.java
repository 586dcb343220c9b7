package org.licensing.common.events;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The Redis streams that carry events and heartbeats to stats-service. Each is split into
 * {@code partitions} keys ({@code lm:events:0} ... {@code lm:events:N-1}); an entity always maps
 * to the same partition, so its entries stay in order and consumers can own partitions.
 * Changing {@code partitions} on a running system needs the streams drained first.
 */
@ConfigMapping(prefix = "licensing.streams")
public interface StreamConfig {

    @WithDefault("lm:events")
    String events();

    @WithDefault("lm:heartbeats")
    String heartbeats();

    @WithDefault("4")
    int partitions();

    /** Approximate cap per partition (XADD MAXLEN ~): a safety net if stats-service stops for long. */
    @WithDefault("1000000")
    long maxLength();

    default String eventsPartition(String partitionKey) {
        return events() + ":" + StreamPartitions.of(partitionKey, partitions());
    }

    default String heartbeatsPartition(String partitionKey) {
        return heartbeats() + ":" + StreamPartitions.of(partitionKey, partitions());
    }
}
