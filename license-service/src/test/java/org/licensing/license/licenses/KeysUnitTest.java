package org.licensing.license.licenses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.licensing.common.keys.LicenseKeyFormat;

class KeysUnitTest {

    private static final String SECRET = "unit-checksum-secret";
    private final KeyGenerator generator = new KeyGenerator(new SecureRandom(), SECRET, "LMP");

    @Test
    void segmentedKeysMatchTheRegexGroupByGroup() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String key = generator.segmented("ACME42", "ULTIMATE");
            assertTrue(key.startsWith("ACME42-ULTIMATE-"), key);
            String body = key.substring("ACME42-ULTIMATE-".length());
            assertTrue(LicenseKeyFormat.isSegmentedBody(body), key);
            String[] groups = body.split("-");
            assertTrue(groups[0].matches("[A-Z0-9]{5}"));
            assertTrue(groups[1].matches("[0-9A-F]{5}"));
            assertTrue(groups[2].matches("[A-Z2-7]{5}"));
            assertTrue(groups[3].matches("[A-Z3-8]{5}"));
            assertTrue(groups[4].matches("[A-Z0-9]{5}"));
            assertEquals(LicenseKeyFormat.Scheme.SEGMENTED, LicenseKeyFormat.parse(key, SECRET).scheme());
            assertTrue(seen.add(key));
        }
    }

    @Test
    void checksummedKeysCarryAValidKeyedChecksum() {
        for (int i = 0; i < 500; i++) {
            String key = generator.checksummed("API", 7, LocalDate.of(2026, 11, 22));
            assertTrue(key.matches("LMP-API-007-20261122-[" + LicenseKeyFormat.UNAMBIGUOUS_ALPHABET + "]{9}-[0-9A-F]{4}"), key);
            assertEquals(LicenseKeyFormat.Scheme.CHECKSUMMED, LicenseKeyFormat.parse(key, SECRET).scheme());
            // Another secret does not accept it: the checksum is keyed.
            assertThrows(LicenseKeyFormat.MalformedKeyException.class, () -> LicenseKeyFormat.parse(key, "other-secret"));
        }
        assertEquals("1234", KeyGenerator.dev3(1234));
        assertEquals("012", KeyGenerator.dev3(12));
    }

    @Test
    void opaqueKeysParseAsOpaque() {
        String key = generator.opaque();
        assertEquals(LicenseKeyFormat.Scheme.OPAQUE, LicenseKeyFormat.parse(key, SECRET).scheme());
        assertEquals(key.substring(key.length() - 5), KeyGenerator.hint(key));
    }

    @Test
    void cipherRoundTripsAndUsesAFreshNonce() {
        KeyCipher cipher = new KeyCipher("LqM8u5MU9rquKfp9fHT1W2M1upeWCFVm7D9/0MrB19U=", new SecureRandom());
        String a = cipher.encrypt("ACME-BASIC-AAAAA-00000-AAAAA-AAAAA-AAAAA");
        String b = cipher.encrypt("ACME-BASIC-AAAAA-00000-AAAAA-AAAAA-AAAAA");
        assertNotEquals(a, b);
        assertTrue(!a.contains("ACME"));
        assertEquals("ACME-BASIC-AAAAA-00000-AAAAA-AAAAA-AAAAA", cipher.decrypt(a));
        KeyCipher other = new KeyCipher("lvrGQDJZsg3oA6cv344rQqOio5Fmkn7TlSRqliepzj4=", new SecureRandom());
        assertThrows(IllegalStateException.class, () -> other.decrypt(a));
        String tampered = a.substring(0, a.length() - 4) + (a.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(tampered));
        assertThrows(IllegalArgumentException.class, () -> new KeyCipher("c2hvcnQ=", new SecureRandom()));
    }
}
