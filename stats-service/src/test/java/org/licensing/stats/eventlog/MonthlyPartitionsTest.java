package org.licensing.stats.eventlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MonthlyPartitionsTest {

    @Test
    void namesRoundTrip() {
        assertEquals("event_log_y2026m01", MonthlyPartitions.name(YearMonth.of(2026, 1)));
        assertEquals(Optional.of(YearMonth.of(2026, 1)), MonthlyPartitions.parse("event_log_y2026m01"));
        assertTrue(MonthlyPartitions.parse("event_log_default").isEmpty());
        assertEquals("2026-12-01T00:00Z", MonthlyPartitions.end(YearMonth.of(2026, 11)).toString());
    }

    @Test
    void createsCurrentAndAheadOnlyWhenMissing() {
        YearMonth nov = YearMonth.of(2026, 11);
        assertEquals(List.of(YearMonth.of(2026, 12), YearMonth.of(2027, 2)),
                MonthlyPartitions.toCreate(nov, 3, Set.of(nov, YearMonth.of(2027, 1))));
    }

    @Test
    void keepsCurrentAndSixMonthsBeforeDropsOlder() {
        YearMonth nov = YearMonth.of(2026, 11);
        Set<YearMonth> existing = Set.of(YearMonth.of(2026, 3), YearMonth.of(2026, 4), YearMonth.of(2026, 5), nov,
                YearMonth.of(2026, 12));
        assertEquals(YearMonth.of(2026, 5), MonthlyPartitions.oldestKept(nov, 6));
        assertEquals(List.of(YearMonth.of(2026, 3), YearMonth.of(2026, 4)), MonthlyPartitions.toDrop(nov, 6, existing));
        assertEquals(List.of(YearMonth.of(2026, 3), YearMonth.of(2026, 4), YearMonth.of(2026, 5)),
                MonthlyPartitions.toDrop(nov, 5, existing));
    }
}
