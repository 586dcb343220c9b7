package org.licensing.stats.usage;

/**
 * Usage time in requirement 003's human form, e.g. {@code 26y 4m 13d 20h 32m}.
 *
 * <p>Calendar rules (fixed lengths, so the same number of seconds always reads the same):
 * 1 minute = 60 s, 1 hour = 60 min, 1 day = 24 h, 1 month ({@code m} after days' place) = 30 days,
 * 1 year = 365 days. Units are taken greedily from years down to minutes; seconds below a full
 * minute are dropped (not rounded). Leading zero units are left out; once a unit is shown every smaller
 * unit down to minutes is shown, zeros included ({@code 3d 0h 5m}). Under one minute reads {@code 0m}.
 * Because 12 x 30 = 360 < 365, the 5 days before a full year read {@code 12m Nd}.
 */
public final class UsageDuration {

    static final long MINUTE = 60, HOUR = 60 * MINUTE, DAY = 24 * HOUR, MONTH = 30 * DAY, YEAR = 365 * DAY;
    private static final long[] UNITS = { YEAR, MONTH, DAY, HOUR, MINUTE };
    private static final String[] SUFFIXES = { "y", "m", "d", "h", "m" };

    private UsageDuration() {}

    public static String format(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("usage seconds must not be negative: " + seconds);
        }
        StringBuilder out = new StringBuilder();
        long rest = seconds;
        for (int i = 0; i < UNITS.length; i++) {
            long n = rest / UNITS[i];
            rest %= UNITS[i];
            if (n > 0 || out.length() > 0 || i == UNITS.length - 1) {
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(n).append(SUFFIXES[i]);
            }
        }
        return out.toString();
    }
}
