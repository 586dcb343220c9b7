package org.licensing.stats.aggregation;

/**
 * The streams stats-service consumes. {@code VALIDATIONS} carries only {@code license.validated} events
 * and is applied exactly as {@code EVENTS} is (event log and validation counts); it is a stream of its
 * own so that no other group has to read the validations (StreamConfig#validations).
 */
public enum StreamKind {
    HEARTBEATS, EVENTS, VALIDATIONS
}
