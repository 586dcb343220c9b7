package org.licensing.stats.aggregation;

import java.util.List;

/**
 * Outcome of one poll of a partition. {@code ackIds}: every entry of the batch (applied, skipped or
 * rejected) to acknowledge after the commit. {@code busy}: another consumer owns the partition right now.
 */
public record BatchResult(boolean busy, List<String> ackIds, int applied, int skipped, int rejected,
        long oldestTs, long newestTs) {

    public static final BatchResult BUSY = new BatchResult(true, List.of(), 0, 0, 0, 0, 0);
    public static final BatchResult EMPTY = new BatchResult(false, List.of(), 0, 0, 0, 0, 0);

    public int size() {
        return ackIds.size();
    }
}
