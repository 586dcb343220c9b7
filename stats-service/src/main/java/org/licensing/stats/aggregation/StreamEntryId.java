package org.licensing.stats.aggregation;

/** A Redis stream entry id {@code <ms>-<seq>}, ordered as Redis orders them (not as strings). */
public record StreamEntryId(long millis, long sequence) implements Comparable<StreamEntryId> {

    public static final StreamEntryId ZERO = new StreamEntryId(0, 0);

    public static StreamEntryId parse(String id) {
        if (id == null || id.isEmpty()) {
            return ZERO;
        }
        int dash = id.indexOf('-');
        try {
            return dash < 0 ? new StreamEntryId(Long.parseLong(id), 0)
                    : new StreamEntryId(Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a stream entry id: " + id, e);
        }
    }

    public boolean isAfter(StreamEntryId other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(StreamEntryId o) {
        int c = Long.compareUnsigned(millis, o.millis);
        return c != 0 ? c : Long.compareUnsigned(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return Long.toUnsignedString(millis) + "-" + Long.toUnsignedString(sequence);
    }
}
