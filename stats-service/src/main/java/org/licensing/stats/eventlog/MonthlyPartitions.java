package org.licensing.stats.eventlog;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which monthly partitions of {@code stats.event_log} should exist. A partition holds one UTC calendar
 * month [first day 00:00, first day of the next month 00:00). With retention R months, the current month
 * and the R months before it are kept: in November 2026 with R = 6, May..November stay and April and
 * older are dropped. Partitions are created for the current month and {@code ahead} months after it.
 */
public final class MonthlyPartitions {

    public static final String PARENT = "event_log";
    private static final Pattern NAME = Pattern.compile("^event_log_y(\\d{4})m(\\d{2})$");

    private MonthlyPartitions() {}

    public static String name(YearMonth month) {
        return String.format("%s_y%04dm%02d", PARENT, month.getYear(), month.getMonthValue());
    }

    public static Optional<YearMonth> parse(String partitionName) {
        Matcher m = NAME.matcher(partitionName);
        return m.matches() ? Optional.of(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    public static OffsetDateTime start(YearMonth month) {
        return month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    public static OffsetDateTime end(YearMonth month) {
        return start(month.plusMonths(1));
    }

    /** The oldest month still kept; events and partitions before it are past retention. */
    public static YearMonth oldestKept(YearMonth current, int retentionMonths) {
        return current.minusMonths(retentionMonths);
    }

    public static List<YearMonth> toCreate(YearMonth current, int ahead, Collection<YearMonth> existing) {
        List<YearMonth> out = new ArrayList<>();
        for (int i = 0; i <= ahead; i++) {
            YearMonth m = current.plusMonths(i);
            if (!existing.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    public static List<YearMonth> toDrop(YearMonth current, int retentionMonths, Collection<YearMonth> existing) {
        YearMonth oldest = oldestKept(current, retentionMonths);
        return new ArrayList<>(new TreeSet<>(existing).headSet(oldest));
    }
}
