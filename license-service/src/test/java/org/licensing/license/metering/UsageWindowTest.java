package org.licensing.license.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class UsageWindowTest {

    static final Instant T = Instant.parse("2026-01-31T23:59:30Z");

    @Test
    void windowsResetAtTheirUtcBoundaries() {
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), UsageWindow.MINUTE.resetsAt(T));
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), UsageWindow.HOUR.resetsAt(T));
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), UsageWindow.DAY.resetsAt(T));
        assertEquals(Instant.parse("2026-02-01T00:00:00Z"), UsageWindow.MONTH.resetsAt(T));
        assertNull(UsageWindow.TOTAL.resetsAt(T));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), UsageWindow.MONTH.resetsAt(Instant.parse("2026-02-10T00:00:00Z")));
    }

    @Test
    void bucketsChangeWithTheWindow() {
        Instant next = T.plusSeconds(31);
        assertNotEquals(UsageWindow.MINUTE.bucket(T), UsageWindow.MINUTE.bucket(next));
        assertEquals(UsageWindow.MINUTE.bucket(T), UsageWindow.MINUTE.bucket(T.plusSeconds(29)));
        assertEquals("2026-01", UsageWindow.MONTH.bucket(T));
        assertEquals("2026-02", UsageWindow.MONTH.bucket(next));
        assertEquals("total", UsageWindow.TOTAL.bucket(T));
        assertTrue(UsageWindow.MINUTE.ttlMillis(T) > 30_000);
        assertEquals(0, UsageWindow.TOTAL.ttlMillis(T));
    }

    @Test
    void limitKeysAndCounters() {
        assertEquals("api_calls_per_minute", UsageMetric.API_CALLS.limitKey(UsageWindow.MINUTE));
        assertEquals("bandwidth_bytes_per_month", UsageMetric.BANDWIDTH_BYTES.limitKey(UsageWindow.MONTH));
        assertEquals("storage_bytes", UsageMetric.STORAGE_BYTES.limitKey(UsageWindow.TOTAL));
        Map<String, Long> limits = Map.of("api_calls_per_hour", 100L, "storage_bytes", 5L, "unrelated", 3L);
        List<UsageLimits.Counter> limited = UsageLimits.limitedCounters(9, limits, T);
        assertEquals(2, limited.size());
        assertEquals("api_calls_per_hour", limited.get(0).limitKey());
        assertTrue(limited.get(0).key().startsWith("usage:{lic:9}:api_calls:"));
        assertEquals("usage:{lic:9}:storage_bytes:total", limited.get(1).key());
        assertEquals(4, UsageLimits.countersOf(9, UsageMetric.API_CALLS, limits, T).size());
    }

    @Test
    void exhaustedAtOneHundredPercent() {
        UsageLimits.Counter c = UsageLimits.countersOf(9, UsageMetric.API_CALLS, Map.of("api_calls_per_minute", 10L), T).get(0);
        assertEquals(null, UsageLimits.firstExhausted(List.of(new UsageLimits.Reading(c, 9))));
        assertEquals(c, UsageLimits.firstExhausted(List.of(new UsageLimits.Reading(c, 10))).counter());
    }
}
