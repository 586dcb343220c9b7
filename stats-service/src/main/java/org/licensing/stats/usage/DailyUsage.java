package org.licensing.stats.usage;

import java.time.LocalDate;
import java.util.List;

/** Per-day series for charts: one point per UTC day of [from, to], days without activity at zero. */
public record DailyUsage(String scope, String id, LocalDate from, LocalDate to, List<Point> days) {

    public record Point(LocalDate day, long logins, long usageSeconds, long heartbeats) {}
}
