package org.licensing.license.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** RFC 6238 appendix B (SHA-1 secret "12345678901234567890"), last six digits, and the acceptance rules. */
class TotpTest {

    static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfcVectors() {
        assertEquals("287082", Totp.code(RFC_SECRET, Totp.stepOf(Instant.ofEpochSecond(59))));
        assertEquals("081804", Totp.code(RFC_SECRET, Totp.stepOf(Instant.ofEpochSecond(1111111109))));
        assertEquals("050471", Totp.code(RFC_SECRET, Totp.stepOf(Instant.ofEpochSecond(1111111111))));
        assertEquals("005924", Totp.code(RFC_SECRET, Totp.stepOf(Instant.ofEpochSecond(1234567890))));
        assertEquals("279037", Totp.code(RFC_SECRET, Totp.stepOf(Instant.ofEpochSecond(2000000000))));
    }

    @Test
    void acceptsOneStepEitherWayOnceAndNothingElse() {
        Instant now = Instant.ofEpochSecond(1234567890);
        long step = Totp.stepOf(now);
        assertEquals(step, Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now, null));
        assertEquals(step - 1, Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, null));
        assertEquals(step + 1, Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, null));
        assertEquals(-1, Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 2), now, null));
        assertEquals(-1, Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 2), now, null));
        // Replays: the step already used, or an earlier one.
        assertEquals(-1, Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step), now, step));
        assertEquals(-1, Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step - 1), now, step));
        assertEquals(step + 1, Totp.acceptedStep(RFC_SECRET, Totp.code(RFC_SECRET, step + 1), now, step));
        assertEquals(-1, Totp.acceptedStep(RFC_SECRET, "12345", now, null));
        assertEquals(-1, Totp.acceptedStep(RFC_SECRET, "abcdef", now, null));
        assertEquals(-1, Totp.acceptedStep(RFC_SECRET, null, now, null));
    }

    @Test
    void base32RoundTripsAndTheUriNamesIssuerAndAccount() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(RFC_SECRET));
        assertArrayEquals(RFC_SECRET, Base32.decode("gezdgnbvgy3tqojqgezdgnbvgy3tqojq"));
        String uri = Totp.uri("Licensing Platform", "alice", RFC_SECRET);
        assertTrue(uri.startsWith("otpauth://totp/Licensing%20Platform:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer="), uri);
    }
}
