package org.licensing.license.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class SignInBackoffTest {

    @Test
    void locksDoubleUpToTheMaximum() {
        SignInBackoff b = new SignInBackoff(Duration.ofMinutes(1), Duration.ofHours(1));
        assertEquals(Duration.ofMinutes(1), b.lockFor(1));
        assertEquals(Duration.ofMinutes(2), b.lockFor(2));
        assertEquals(Duration.ofMinutes(4), b.lockFor(3));
        assertEquals(Duration.ofMinutes(32), b.lockFor(6));
        assertEquals(Duration.ofHours(1), b.lockFor(7));
        assertEquals(Duration.ofHours(1), b.lockFor(1000));
        // the script's table ends at the first entry that reaches the maximum (reused for later strikes)
        assertEquals(List.of("60000", "120000", "240000", "480000", "960000", "1920000", "3600000"), b.tableMillis());
    }

    @Test
    void aMaximumBelowTheBaseIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new SignInBackoff(Duration.ofMinutes(5), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> new SignInBackoff(Duration.ZERO, Duration.ofMinutes(1)));
        assertEquals(List.of("1000"), new SignInBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1)).tableMillis());
    }
}
