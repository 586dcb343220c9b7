package org.licensing.stats.aggregation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.HeartbeatEntry;

class UsageBatchTest {

    @Test
    void heartbeatCountsOncePerScopeAndDay() {
        UsageBatch b = new UsageBatch();
        long day1 = Instant.parse("2026-11-21T23:59:30Z").toEpochMilli();
        long day2 = Instant.parse("2026-11-22T00:00:30Z").toEpochMilli();
        b.heartbeat(new HeartbeatEntry(1, "h1", "s1", 7, 3, "42", day1, 60, "session-a"));
        b.heartbeat(new HeartbeatEntry(1, "h2", "s1", 7, 3, "42", day2, 45, "session-a"));
        b.heartbeat(new HeartbeatEntry(1, "h3", "s2", 8, 4, "43", day2, 10, null));

        assertEquals(115, b.totals().get(new UsageBatch.Key("global", "")).usageSeconds);
        assertEquals(3, b.totals().get(new UsageBatch.Key("global", "")).heartbeats);
        assertEquals(105, b.totals().get(new UsageBatch.Key("account", "3")).usageSeconds);
        assertEquals(105, b.totals().get(new UsageBatch.Key("license", "7")).usageSeconds);
        assertEquals(105, b.totals().get(new UsageBatch.Key("server", "session-a")).usageSeconds);
        UsageBatch.Counts device = b.totals().get(new UsageBatch.Key("device", "42"));
        assertEquals(105, device.usageSeconds);
        assertEquals(7L, device.licenseId);
        assertEquals(3L, device.accountId);
        assertNull(b.totals().get(new UsageBatch.Key("server", "")));
        assertEquals(60, b.daily().get(new UsageBatch.DayKey("device", "42", LocalDate.parse("2026-11-21"))).usageSeconds);
        assertEquals(45, b.daily().get(new UsageBatch.DayKey("device", "42", LocalDate.parse("2026-11-22"))).usageSeconds);
        assertEquals(55, b.daily().get(new UsageBatch.DayKey("global", "", LocalDate.parse("2026-11-22"))).usageSeconds);
    }

    @Test
    void loginsCountPerScope() {
        UsageBatch b = new UsageBatch();
        b.login(3L, 7L, "42", "session-a", Instant.parse("2026-11-22T10:00:00Z"));
        b.login(3L, null, null, null, Instant.parse("2026-11-22T11:00:00Z"));
        assertEquals(2, b.totals().get(new UsageBatch.Key("global", "")).logins);
        assertEquals(2, b.totals().get(new UsageBatch.Key("account", "3")).logins);
        assertEquals(1, b.totals().get(new UsageBatch.Key("license", "7")).logins);
        assertEquals(0, b.totals().get(new UsageBatch.Key("license", "7")).usageSeconds);
    }
}
