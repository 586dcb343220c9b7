package org.licensing.stats.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UsageDurationTest {

    private static long of(long y, long mo, long d, long h, long mi, long s) {
        return y * 365 * 86400 + mo * 30 * 86400 + d * 86400 + h * 3600 + mi * 60 + s;
    }

    @Test
    void requirementExamples() {
        assertEquals("26y 4m 13d 20h 32m", UsageDuration.format(of(26, 4, 13, 20, 32, 0)));
        assertEquals("1y 1m 1d 20h 11m", UsageDuration.format(of(1, 1, 1, 20, 11, 59)));
    }

    @Test
    void underAMinuteIsZeroMinutes() {
        assertEquals("0m", UsageDuration.format(0));
        assertEquals("0m", UsageDuration.format(59));
        assertEquals("1m", UsageDuration.format(60));
    }

    @Test
    void leadingZeroUnitsAreLeftOutInnerZerosAreShown() {
        assertEquals("1h 0m", UsageDuration.format(3600));
        assertEquals("3d 0h 5m", UsageDuration.format(of(0, 0, 3, 0, 5, 0)));
        assertEquals("1y 0m 0d 0h 0m", UsageDuration.format(365L * 86400));
        assertEquals("1d 1h 1m", UsageDuration.format(90061));
    }

    @Test
    void monthsAreThirtyDaysAndAYearIs365() {
        assertEquals("1m 0d 0h 0m", UsageDuration.format(30L * 86400));
        assertEquals("29d 23h 59m", UsageDuration.format(30L * 86400 - 1));
        assertEquals("12m 4d 0h 0m", UsageDuration.format(364L * 86400));
    }

    @Test
    void negativeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> UsageDuration.format(-1));
    }
}
