package org.licensing.common.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.licensing.common.keys.LicenseKeyFormat.MalformedKeyException;
import org.licensing.common.keys.LicenseKeyFormat.Scheme;

class LicenseKeyFormatTest {

    private static final String SECRET = "s3cret";

    @Test
    void segmentedKeyIsCheckedGroupByGroup() {
        String key = "ACME-ULTIMATE-AB12C-0F9E1-ABZ27-ZZ345-Q1W2E";
        assertEquals(Scheme.SEGMENTED, LicenseKeyFormat.parse(key, SECRET).scheme());
        assertEquals(key, LicenseKeyFormat.parse(" " + key.toLowerCase() + " ", SECRET).normalized());
        // group 2 must be hex, group 3 base32 letters/2-7, group 4 A-Z/3-8
        assertThrows(MalformedKeyException.class, () -> LicenseKeyFormat.parse("ACME-ULTIMATE-AB12C-0F9EZ-ABZ27-ZZ345-Q1W2E", SECRET));
        assertThrows(MalformedKeyException.class, () -> LicenseKeyFormat.parse("ACME-ULTIMATE-AB12C-0F9E1-ABZ18-ZZ345-Q1W2E", SECRET));
        assertThrows(MalformedKeyException.class, () -> LicenseKeyFormat.parse("ACME-ULTIMATE-AB12C-0F9E1-ABZ27-ZZ129-Q1W2E", SECRET));
        assertThrows(MalformedKeyException.class, () -> LicenseKeyFormat.parse("ACME-GOLD-AB12C-0F9E1-ABZ27-ZZ345-Q1W2E", SECRET));
        assertTrue(LicenseKeyFormat.isSegmentedBody("AB12C-0F9E1-ABZ27-ZZ345-Q1W2E"));
    }

    @Test
    void checksummedKeyNeedsTheRightChecksum() {
        String body = "LMP-API-001-20241110-ABC234XYZ";
        String key = body + "-" + LicenseKeyFormat.checksum(body, SECRET);
        assertEquals(Scheme.CHECKSUMMED, LicenseKeyFormat.parse(key, SECRET).scheme());
        String forged = body + "-" + (key.endsWith("0000") ? "0001" : "0000");
        assertThrows(MalformedKeyException.class, () -> LicenseKeyFormat.parse(forged, SECRET));
        assertThrows(MalformedKeyException.class, () -> LicenseKeyFormat.parse(key, "other-secret"));
        // ambiguous characters (0, O, 1, I, L) are not in the random part
        String ambiguous = "LMP-API-001-20241110-ABC1O4XYZ";
        assertThrows(MalformedKeyException.class,
                () -> LicenseKeyFormat.parse(ambiguous + "-" + LicenseKeyFormat.checksum(ambiguous, SECRET), SECRET));
    }

    @Test
    void opaqueKeysAreAcceptedAsTheyAre() {
        assertEquals(Scheme.OPAQUE, LicenseKeyFormat.parse("legacy_Key.12345", SECRET).scheme());
        assertEquals("legacy_Key.12345", LicenseKeyFormat.parse("legacy_Key.12345", SECRET).normalized());
        assertThrows(MalformedKeyException.class, () -> LicenseKeyFormat.parse("short", SECRET));
        assertThrows(MalformedKeyException.class, () -> LicenseKeyFormat.parse("has spaces inside it", SECRET));
        assertThrows(MalformedKeyException.class, () -> LicenseKeyFormat.parse(null, SECRET));
    }
}
