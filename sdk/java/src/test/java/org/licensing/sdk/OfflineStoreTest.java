package org.licensing.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.licensing.sdk.offline.OfflineCode;
import org.licensing.sdk.offline.TestCertificates;

/** The client's offline check with a store: last-seen kept across runs, a clock set back caught, the key fetched once. */
class OfflineStoreTest {

    static final String HWID = "HW-1";
    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aClockSetBackIsCaughtEvenAfterARestart(@TempDir Path dir) throws Exception {
        TestCertificates certs = new TestCertificates();
        String cert = certs.sign(certs.payload(HWID, T0, T0.plus(Duration.ofDays(30))));
        MutableClock clock = new MutableClock(T0);
        Path file = dir.resolve("license.json");
        LicensingClient first = LicensingClient.builder(java.net.URI.create("http://127.0.0.1:9")).publicKey(certs.publicKeyBase64())
                .clock(clock).store(file).build();
        first.storeCertificate(cert);
        clock.advance(Duration.ofDays(10));
        assertEquals(OfflineCode.VALID, first.verifyOffline(HWID).code());
        assertEquals(T0.plus(Duration.ofDays(10)), first.store().lastSeen());

        clock.set(T0.plus(Duration.ofDays(3))); // set back a week, e.g. to stretch the certificate
        LicensingClient restarted = LicensingClient.builder(java.net.URI.create("http://127.0.0.1:9"))
                .publicKey(certs.publicKeyBase64()).clock(clock).store(file).build();
        assertEquals(OfflineCode.CLOCK_TAMPERED, restarted.verifyOffline(HWID).code());
        assertEquals(T0.plus(Duration.ofDays(10)), restarted.store().lastSeen(), "last-seen never moves back");

        clock.set(T0.plus(Duration.ofDays(11)));
        assertEquals(OfflineCode.VALID, restarted.verifyOffline(HWID).code());
        assertEquals(OfflineCode.FINGERPRINT_MISMATCH, restarted.verifyOffline("HW-2").code());
        clock.set(T0.plus(Duration.ofDays(31)));
        assertEquals(OfflineCode.EXPIRED, restarted.verifyOffline(HWID).code());
    }

    @Test
    void thePublicKeyIsFetchedOnceAndKept(@TempDir Path dir) throws Exception {
        TestCertificates certs = new TestCertificates();
        Path file = dir.resolve("license.json");
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.reply("GET /api/v1/keys/public", 200, "{\"algorithm\":\"Ed25519\",\"key_id\":\"" + certs.keyId()
                    + "\",\"public_key\":\"" + certs.publicKeyBase64() + "\"}");
            LicensingClient c = LicensingClient.builder(gw.url()).store(file).build();
            String early = certs.sign(certs.payload(HWID, Instant.now(), Instant.now().plus(Duration.ofDays(1))));
            assertEquals(OfflineCode.UNKNOWN_KEY, c.verifyOffline(early, HWID).code(), "no key yet, and no network on the offline path");
            c.fetchPublicKey();
            c.fetchPublicKey();
            assertEquals(1, gw.count("/api/v1/keys/public"));
        }
        LicensingClient offline = LicensingClient.builder(java.net.URI.create("http://127.0.0.1:9")).store(file).build();
        String cert = certs.sign(certs.payload(HWID, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1))));
        assertEquals(OfflineCode.VALID, offline.verifyOffline(cert, HWID).code());
        assertEquals(OfflineCode.NO_CERTIFICATE, offline.verifyOffline(HWID).code());
    }

    @Test
    void aTornStoreFileStartsEmptyAndIsReplacedWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("license.json");
        java.nio.file.Files.writeString(file, "{\"certificate\":\"abc"); // cut off mid-write by a crash
        LicenseStore store = LicenseStore.file(file);
        assertEquals(null, store.certificate());
        store.advanceLastSeen(T0);
        store.advanceLastSeen(T0.minusSeconds(60));
        assertEquals(T0, LicenseStore.file(file).lastSeen(), "written whole, and never moved back");
    }
}
