package org.licensing.license.metering;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;

/** Fixed UTC windows a usage counter is kept in; TOTAL is a gauge that never resets (storage). */
public enum UsageWindow {
    MINUTE(60), HOUR(3600), DAY(86400), MONTH(0), TOTAL(0);

    private final long seconds;

    UsageWindow(long seconds) {
        this.seconds = seconds;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Identifies the window containing {@code now}: part of the counter's Redis key. */
    public String bucket(Instant now) {
        return switch (this) {
            case TOTAL -> "total";
            case MONTH -> YearMonth.from(now.atZone(ZoneOffset.UTC)).toString();
            default -> label().charAt(0) + Long.toString(now.getEpochSecond() / seconds);
        };
    }

    /** When the window containing {@code now} ends; null for TOTAL. */
    public Instant resetsAt(Instant now) {
        return switch (this) {
            case TOTAL -> null;
            case MONTH -> YearMonth.from(now.atZone(ZoneOffset.UTC)).plusMonths(1).atDay(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            default -> Instant.ofEpochSecond((now.getEpochSecond() / seconds + 1) * seconds);
        };
    }

    /** Counter TTL: the rest of the window plus a minute of slack; 0 (no TTL) for TOTAL. */
    public long ttlMillis(Instant now) {
        Instant end = resetsAt(now);
        return end == null ? 0 : end.toEpochMilli() - now.toEpochMilli() + 60_000;
    }
}
