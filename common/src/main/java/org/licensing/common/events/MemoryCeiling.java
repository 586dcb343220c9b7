package org.licensing.common.events;

/**
 * The rule that replaces {@code XADD MAXLEN}: at or above the ceiling, producers refuse new work
 * rather than let Redis fill up (and, with {@code noeviction}, fail every write) or drop entries a
 * consumer has not acknowledged. Pure, so it is tested without Redis.
 */
public record MemoryCeiling(long ceilingBytes) {

    /** No ceiling configured ({@code 0}): never refuses. */
    public boolean enabled() {
        return ceilingBytes > 0;
    }

    /** True when a producer must refuse: a ceiling is set and Redis uses at least that much. */
    public boolean refuses(long usedBytes) {
        return enabled() && usedBytes >= ceilingBytes;
    }

    /**
     * {@code used_memory} from the text of {@code INFO memory} ({@code used_memory:12345} on its own
     * line; {@code used_memory_human} and friends are other fields). -1 when absent.
     */
    public static long usedMemory(String info) {
        if (info == null) {
            return -1;
        }
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                try {
                    return Long.parseLong(line.substring("used_memory:".length()).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
