package org.licensing.stats.eventlog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the event log ({@code licensing.stats.event-log.*}). */
@ConfigMapping(prefix = "licensing.stats.event-log")
public interface EventLogConfig {

    /** Months kept before the current one; older partitions are detached and dropped. */
    @WithDefault("6")
    int retentionMonths();

    /** Monthly partitions created ahead of the current month. */
    @WithDefault("3")
    int monthsAhead();

    /** How often the partition job runs (also once at start-up). */
    @WithDefault("6h")
    java.time.Duration maintainEvery();

    /** Largest page of /api/v1/events. */
    @WithDefault("200")
    int maxPageSize();
}
