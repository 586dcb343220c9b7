package org.licensing.sdk.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CertificateVerifierTest {

    static final String HWID = "BIOS-SERIAL-123";
    static final Instant ISSUED = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant NOT_AFTER = ISSUED.plus(Duration.ofDays(30));

    final TestCertificates certs;
    final CertificateVerifier verifier;

    CertificateVerifierTest() throws Exception {
        certs = new TestCertificates();
        verifier = new CertificateVerifier(certs.keys.getPublic());
    }

    String good() throws Exception {
        return certs.sign(certs.payload(HWID, ISSUED, NOT_AFTER));
    }

    @Test
    void aCertificateSignedByThePlatformKeyIsValid() throws Exception {
        OfflineCheck c = verifier.check(good(), HWID, ISSUED.plus(Duration.ofDays(1)), ISSUED);
        assertTrue(c.valid(), c.detail());
        assertEquals(OfflineCode.VALID, c.code());
        assertEquals(42L, c.certificate().licenseId());
        assertEquals("API", c.certificate().productCode());
        assertEquals(NOT_AFTER, c.certificate().notAfter());
        assertEquals(2L, ((Number) c.certificate().entitlements().get("max_devices")).longValue());
    }

    @Test
    void theHwidIsComparedTrimmedAsThePlatformHashesIt() throws Exception {
        assertEquals(OfflineCode.VALID, verifier.check(good(), "  " + HWID + "\n", ISSUED, null).code());
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String token = good();
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String richer = payload.replace("\"max_devices\":2", "\"max_devices\":200");
        assertFalse(richer.equals(payload), "the test must change the payload");
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(richer.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        OfflineCheck c = verifier.check(tampered, HWID, ISSUED, null);
        assertFalse(c.valid());
        assertEquals(OfflineCode.BAD_SIGNATURE, c.code());
    }

    @Test
    void aFlippedSignatureBitIsRefused() throws Exception {
        String token = good();
        int dot = token.indexOf('.');
        byte[] sig = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        sig[5] ^= 1;
        String forged = token.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        assertEquals(OfflineCode.BAD_SIGNATURE, verifier.check(forged, HWID, ISSUED, null).code());
    }

    @Test
    void aCertificateSignedByAnotherKeyClaimingOurKeyIdIsRefused() throws Exception {
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] bytes = org.licensing.sdk.internal.Json.write(certs.payload(HWID, ISSUED, NOT_AFTER)).getBytes(StandardCharsets.UTF_8);
        assertEquals(OfflineCode.BAD_SIGNATURE, verifier.check(TestCertificates.sign(bytes, other), HWID, ISSUED, null).code());
    }

    @Test
    void aCertificateOfAnotherKeyIdIsUnknownKey() throws Exception {
        Map<String, Object> p = certs.payload(HWID, ISSUED, NOT_AFTER);
        p.put("key_id", "0011223344556677");
        assertEquals(OfflineCode.UNKNOWN_KEY, verifier.check(certs.sign(p), HWID, ISSUED, null).code());
    }

    @Test
    void otherHardwareIsAFingerprintMismatch() throws Exception {
        assertEquals(OfflineCode.FINGERPRINT_MISMATCH, verifier.check(good(), "OTHER-SERIAL", ISSUED, null).code());
        assertEquals(OfflineCode.FINGERPRINT_MISMATCH, verifier.check(good(), null, ISSUED, null).code());
    }

    @Test
    void pastNotAfterItHasExpired() throws Exception {
        assertEquals(OfflineCode.VALID, verifier.check(good(), HWID, NOT_AFTER.minusSeconds(1), null).code());
        assertEquals(OfflineCode.EXPIRED, verifier.check(good(), HWID, NOT_AFTER, null).code());
    }

    @Test
    void aClockSetBackBehindLastSeenIsDetected() throws Exception {
        Instant lastSeen = ISSUED.plus(Duration.ofDays(40)); // the user saw day 40, then set the clock to day 2
        OfflineCheck c = verifier.check(good(), HWID, ISSUED.plus(Duration.ofDays(2)), lastSeen);
        assertEquals(OfflineCode.CLOCK_TAMPERED, c.code());
        assertFalse(CertificateVerifier.passedClock(c));
        // within the tolerance (NTP steps, drift) it is not tampering
        assertEquals(OfflineCode.VALID, verifier.check(good(), HWID, ISSUED.plus(Duration.ofDays(2)),
                ISSUED.plus(Duration.ofDays(2)).plus(Duration.ofMinutes(4))).code());
    }

    @Test
    void aClockBeforeTheIssueTimeIsDetected() throws Exception {
        assertEquals(OfflineCode.CLOCK_TAMPERED, verifier.check(good(), HWID, ISSUED.minus(Duration.ofDays(1)), null).code());
    }

    @Test
    void garbageIsMalformedAndNothingIsNoCertificate() {
        assertEquals(OfflineCode.NO_CERTIFICATE, verifier.check(null, HWID, ISSUED, null).code());
        assertEquals(OfflineCode.MALFORMED, verifier.check("not-a-certificate", HWID, ISSUED, null).code());
        assertEquals(OfflineCode.MALFORMED, verifier.check("a.b.c", HWID, ISSUED, null).code());
        assertEquals(OfflineCode.MALFORMED, verifier.check("!!!.???", HWID, ISSUED, null).code());
        var noExpiry = certs.payload(HWID, ISSUED, NOT_AFTER);
        noExpiry.remove("not_after");
        try {
            assertEquals(OfflineCode.MALFORMED, verifier.check(certs.sign(noExpiry), HWID, ISSUED, null).code());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        String notJson = Base64.getUrlEncoder().encodeToString("[1,2]".getBytes(StandardCharsets.UTF_8)) + ".AAAA";
        assertEquals(OfflineCode.MALFORMED, verifier.check(notJson, HWID, ISSUED, null).code());
    }

    @Test
    void thePublicKeyIsReadAsSpkiRawOrPem() {
        var spki = PublicKeys.parse(certs.publicKeyBase64());
        byte[] der = certs.keys.getPublic().getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(der, der.length - 32, der.length);
        var fromRaw = PublicKeys.parse(Base64.getEncoder().encodeToString(raw));
        var fromPem = PublicKeys.parse("-----BEGIN PUBLIC KEY-----\n" + certs.publicKeyBase64() + "\n-----END PUBLIC KEY-----\n");
        assertEquals(certs.keyId(), PublicKeys.keyId(spki));
        assertEquals(certs.keyId(), PublicKeys.keyId(fromRaw));
        assertEquals(certs.keyId(), PublicKeys.keyId(fromPem));
    }
}
