package org.licensing.license.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.validation.CertificateCheck;
import org.licensing.license.validation.DeviceDirectory;
import org.licensing.license.validation.DeviceState;

class CertificateRulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    static final Duration DEFAULT = Duration.ofDays(30);
    static final Duration MAX = Duration.ofDays(365);
    static final String H = CertificateIssuer.sha256("HW");

    static String refusal(DeviceDirectory.Binding b, String hash) {
        return assertThrows(ProblemException.class, () -> CertificateRules.requireIssuable(b, hash)).code();
    }

    @Test
    void onlyABoundUnblockedDeviceWithTheSameHwid() {
        CertificateRules.requireIssuable(new DeviceDirectory.Binding(1, "d", DeviceState.BOUND, H), H);
        CertificateRules.requireIssuable(new DeviceDirectory.Binding(1, "d", DeviceState.BOUND, H.toUpperCase()), H);
        assertEquals("DEVICE_NOT_ACTIVATED", refusal(null, H));
        assertEquals("DEVICE_NOT_ACTIVATED", refusal(new DeviceDirectory.Binding(1, "d", DeviceState.NOT_BOUND, H), H));
        assertEquals("DEVICE_BLOCKED", refusal(new DeviceDirectory.Binding(1, "d", DeviceState.BLOCKED, H), H));
        assertEquals("HWID_REQUIRED", refusal(new DeviceDirectory.Binding(1, "d", DeviceState.BOUND, null), H));
        assertEquals("HWID_MISMATCH", refusal(new DeviceDirectory.Binding(1, "d", DeviceState.BOUND, H),
                CertificateIssuer.sha256("OTHER")));
    }

    @Test
    void validityIsBoundedByTheMaximumAndTheLicensesExpiry() {
        assertEquals(NOW.plus(DEFAULT), CertificateRules.notAfter(NOW, null, DEFAULT, MAX, null));
        assertEquals(NOW.plus(Duration.ofDays(7)), CertificateRules.notAfter(NOW, 7, DEFAULT, MAX, null));
        assertEquals(NOW.plus(MAX), CertificateRules.notAfter(NOW, 10_000, DEFAULT, MAX, null));
        Instant expiry = NOW.plus(Duration.ofDays(3));
        assertEquals(expiry, CertificateRules.notAfter(NOW, 7, DEFAULT, MAX, expiry));
        assertEquals(NOW.plus(Duration.ofDays(2)), CertificateRules.notAfter(NOW, 2, DEFAULT, MAX, expiry));
        assertThrows(ProblemException.class, () -> CertificateRules.checkValidityDays(0));
        assertThrows(ProblemException.class, () -> CertificateRules.checkValidityDays(-5));
        CertificateRules.checkValidityDays(null);
        CertificateRules.checkValidityDays(1);
    }

    @Test
    void statusOfARecordedCertificate() {
        assertEquals("ACTIVE", CertificateRules.status(null, NOW.plusSeconds(1), NOW));
        assertEquals("EXPIRED", CertificateRules.status(null, NOW, NOW));
        assertEquals("REVOKED", CertificateRules.status(NOW.minusSeconds(5), NOW.plusSeconds(60), NOW));
    }

    static CertificateRecord record(Instant revokedAt, Instant notAfter) {
        return new CertificateRecord(UUID.randomUUID(), 1, 42, "dev", H, "k", NOW.minusSeconds(60), notAfter, "LICENSE_KEY",
                null, revokedAt, null, null, CertificateRules.status(revokedAt, notAfter, NOW));
    }

    @Test
    void onlineCheckRefusesUnknownOtherDeviceRevokedAndExpired() {
        CertificateRecord ok = record(null, NOW.plusSeconds(60));
        assertNull(CertificateCheck.judge(ok, null, null, NOW));
        assertNull(CertificateCheck.judge(ok, "dev", null, NOW));
        assertNull(CertificateCheck.judge(ok, null, 42L, NOW));
        assertEquals("CERTIFICATE_NOT_FOUND", CertificateCheck.judge(null, null, null, NOW).code());
        assertEquals("CERTIFICATE_NOT_FOUND", CertificateCheck.judge(ok, "other", null, NOW).code());
        assertEquals("CERTIFICATE_NOT_FOUND", CertificateCheck.judge(ok, null, 43L, NOW).code());
        assertEquals("CERTIFICATE_REVOKED", CertificateCheck.judge(record(NOW.minusSeconds(1), NOW.plusSeconds(60)), null, null, NOW).code());
        assertEquals("CERTIFICATE_EXPIRED", CertificateCheck.judge(record(null, NOW), null, null, NOW).code());
    }
}
