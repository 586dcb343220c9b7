package org.licensing.stats.aggregation;

/**
 * One partition after a trim: entries removed now, entries left, the MINID used ("" when nothing
 * could be trimmed: no stream or no group), and the backlog: entries the slowest group (named) has
 * not acknowledged yet.
 */
public record PartitionBacklog(String streamKey, long trimmed, long length, String minId, long backlog, String slowestGroup) {}
