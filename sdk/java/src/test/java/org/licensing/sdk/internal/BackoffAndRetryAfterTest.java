package org.licensing.sdk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class BackoffAndRetryAfterTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration CAP = Duration.ofSeconds(60);

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertEquals(Duration.ofSeconds(5), RetryAfter.parse("5", NOW));
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse(" 120 ", NOW));
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Tue, 01 Dec 2026 12:01:30 GMT", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("Tue, 01 Dec 2026 11:00:00 GMT", NOW), "a date passed means now");
        assertNull(RetryAfter.parse(null, NOW));
        assertNull(RetryAfter.parse("", NOW));
        assertNull(RetryAfter.parse("soon", NOW));
        assertNull(RetryAfter.parse("-5", NOW));
        assertNull(RetryAfter.parse("99999999999999999999999", NOW));
    }

    @Test
    void withoutRetryAfterTheWaitDoublesUpToTheCapWithEqualJitter() {
        assertEquals(Duration.ofMillis(500), Backoff.delay(1, null, CAP, 0.0));
        assertEquals(Duration.ofMillis(999), Backoff.delay(1, null, CAP, 0.999));
        assertEquals(Duration.ofMillis(1000), Backoff.delay(2, null, CAP, 0.0));
        assertEquals(Duration.ofMillis(4000), Backoff.delay(4, null, CAP, 0.0));
        assertEquals(Duration.ofMillis(30_000), Backoff.delay(7, null, CAP, 0.0), "64 s capped at 60 s, halved");
        assertEquals(Duration.ofMillis(45_000), Backoff.delay(40, null, CAP, 0.5), "no overflow for many attempts");
    }

    @Test
    void retryAfterIsHonouredAndNeverShortened() {
        assertEquals(Duration.ofSeconds(5), Backoff.delay(1, Duration.ofSeconds(5), CAP, 0.0));
        assertEquals(Duration.ofMillis(5499), Backoff.delay(3, Duration.ofSeconds(5), CAP, 0.999));
        Duration d = Backoff.delay(1, Duration.ofSeconds(300), CAP, 0.3);
        assertTrue(d.compareTo(Duration.ofSeconds(300)) >= 0, "longer than the cap when the server says so");
    }

    @Test
    void jitterOutsideTheUnitIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Backoff.delay(1, null, CAP, 1.0));
    }
}
