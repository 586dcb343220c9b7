package org.licensing.stats.usage;

import java.time.LocalDate;
import java.util.List;

/** A seller's usage over [from, to]: the totals and the per-day series across all of its licenses. */
public record SellerUsage(long sellerId, LocalDate from, LocalDate to, long logins, long usageSeconds, long heartbeats,
        List<DailyUsage.Point> days) {

    static SellerUsage of(long sellerId, DailyUsage d) {
        long logins = 0, seconds = 0, beats = 0;
        for (DailyUsage.Point p : d.days()) {
            logins += p.logins();
            seconds += p.usageSeconds();
            beats += p.heartbeats();
        }
        return new SellerUsage(sellerId, d.from(), d.to(), logins, seconds, beats, d.days());
    }
}
