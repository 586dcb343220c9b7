package org.licensing.stats.aggregation;

/** The two streams stats-service consumes. */
public enum StreamKind {
    HEARTBEATS, EVENTS
}
