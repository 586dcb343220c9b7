package org.licensing.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.licensing.sdk.internal.Http;
import org.licensing.sdk.internal.Values;
import org.licensing.sdk.offline.LicenseCertificate;
import org.licensing.sdk.offline.OfflineCode;
import org.licensing.sdk.session.HeartbeatStatus;
import org.licensing.sdk.session.LicenseSession;
import org.licensing.sdk.session.SessionOptions;

/**
 * The SDK against the real running stack, through the gateway only. Runs only with
 * {@code -Dlicensing.gateway=URL} (deploy/local/suites.d/30-sdk-java.sh); the outage part also
 * needs {@code -Dlicensing.nginx.run=DIR} (the stack's nginx prefix) to stop and start the gateway.
 */
@EnabledIfSystemProperty(named = "licensing.gateway", matches = "https?://.+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SdkIntegrationTest {

    static URI gw;
    static Http api;
    static String suffix;
    static String seller;
    static String customer;
    static String key1;
    static long license1;
    static String key2;
    static long license2;
    static final String PRODUCT = "SDKJ";

    @TempDir
    static Path dir;

    @BeforeAll
    static void sellerProductKeysAndACustomer() {
        gw = URI.create(System.getProperty("licensing.gateway"));
        api = new Http(HttpClient.newHttpClient(), gw, Duration.ofSeconds(30), Clock.systemUTC());
        suffix = UUID.randomUUID().toString().substring(0, 8);
        String sellerName = "SDKJ" + suffix.toUpperCase().replaceAll("[^A-Z0-9]", "").substring(0, 4);
        api.call("POST", "/api/v1/auth/register", Map.of("username", "sdkj-seller-" + suffix, "email", "sdkj-s-" + suffix
                + "@sdk.test", "password", "seller-pass-" + suffix, "role", "SELLER", "seller_name", sellerName), null);
        seller = Values.str(api.call("POST", "/api/v1/auth/sign-in",
                Map.of("login", "sdkj-seller-" + suffix, "password", "seller-pass-" + suffix), null), "access_token");
        Map<String, Object> product = api.call("POST", "/api/v1/products", Map.of("code", PRODUCT, "name", "SDK Java test",
                "key_scheme", "SEGMENTED", "default_term", "ANNUAL", "default_max_devices", 3), seller);
        long productId = Values.lng(product, "id");
        customer = Values.str(api.call("POST", "/api/v1/auth/register", Map.of("username", "sdkj-cust-" + suffix,
                "email", "sdkj-c-" + suffix + "@sdk.test", "password", "cust-pass-" + suffix), null), "access_token");
        Map<String, Object> l1 = api.call("POST", "/api/v1/licenses", Map.of("product_id", productId, "privilege", "REGULAR"), seller);
        key1 = Values.str(l1, "key");
        license1 = Values.lng(Values.obj(l1, "license"), "id");
        Map<String, Object> l2 = api.call("POST", "/api/v1/licenses", Map.of("product_id", productId, "privilege", "REGULAR"), seller);
        key2 = Values.str(l2, "key");
        license2 = Values.lng(Values.obj(l2, "license"), "id");
        api.call("POST", "/api/v1/licenses/redeem", Map.of("key", key1), customer);
        api.call("POST", "/api/v1/licenses/redeem", Map.of("key", key2), customer);
        // a third key for the example program, which the suite runs after this class (examples/java-cli)
        String key3 = Values.str(api.call("POST", "/api/v1/licenses", Map.of("product_id", productId), seller), "key");
        api.call("POST", "/api/v1/licenses/redeem", Map.of("key", key3), customer);
        String exampleKeyFile = System.getProperty("licensing.example.key-file", "");
        if (!exampleKeyFile.isBlank()) {
            try {
                java.nio.file.Files.writeString(Path.of(exampleKeyFile), key3 + "\n");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static LicensingClient client(String key) {
        return LicensingClient.builder(gw).licenseKey(key).build();
    }

    static Device device(String name) {
        return new Device(name + "-" + suffix, "HW-" + name + "-" + suffix, name, "alice", Map.of("platform", "linux"));
    }

    @Test
    @Order(1)
    void activateValidateAndDeactivate() {
        LicensingClient c = client(key1);
        Device pc = device("pc1");
        Activation a = c.activate(pc);
        assertFalse(a.alreadyBound());
        assertEquals(license1, a.licenseId());
        assertTrue(a.deviceRowId() > 0);
        assertTrue(c.activate(pc).alreadyBound(), "re-activation takes no slot");

        Validation v = c.validate(ValidationRequest.of(PRODUCT).device(pc.id()));
        assertTrue(v.valid(), v.detail());
        assertEquals(ValidationCode.VALID, v.code());
        assertEquals(license1, v.licenseId());
        assertFalse(v.grace());
        assertEquals(ValidationCode.PRODUCT_MISMATCH, c.validate(ValidationRequest.of("OTHER")).code());
        assertEquals(ValidationCode.DEVICE_NOT_ACTIVATED, c.validate(ValidationRequest.of(PRODUCT).device("nobody-" + suffix)).code());
        Validation madeUp = client(key1.substring(0, key1.length() - 5) + "ZZZZZ").validate(ValidationRequest.of(PRODUCT));
        assertFalse(madeUp.valid());
        assertTrue(madeUp.code() == ValidationCode.MALFORMED_KEY || madeUp.code() == ValidationCode.NOT_FOUND, madeUp.rawCode());

        LicensingException hw = assertThrows(LicensingException.class, () -> c.activate(new Device(pc.id(), "OTHER-HW", null, null, null)));
        assertEquals("HWID_MISMATCH", hw.code());
        assertEquals(409, hw.status());
        assertEquals(ErrorKind.REFUSED, hw.kind());

        Device spare = device("spare");
        Activation s = c.activate(spare);
        Map<String, Object> unbound = c.deactivate(s.deviceRowId(), customer);
        assertEquals(Boolean.FALSE, unbound.get("bound"));
        assertEquals(ValidationCode.DEVICE_NOT_ACTIVATED, c.validate(ValidationRequest.of(PRODUCT).device(spare.id())).code());
    }

    @Test
    @Order(2)
    void aSessionKeepsHeartbeatsGoingAndClosesCleanly() throws Exception {
        LicensingClient c = client(key1);
        Device pc = device("pc1");
        c.activate(pc);
        List<Long> usage = new CopyOnWriteArrayList<>();
        List<Object> ends = new CopyOnWriteArrayList<>();
        LicenseSession s = c.startSession(SessionOptions.of(pc.id(), "1.0.0").language("en")
                .maxHeartbeatInterval(Duration.ofSeconds(1)).listener(new org.licensing.sdk.session.SessionListener() {
                    @Override
                    public void onEnded(org.licensing.sdk.session.SessionEnd end) {
                        ends.add(end);
                    }

                    @Override
                    public void onHeartbeat(org.licensing.sdk.session.Heartbeat beat) {
                        usage.add(beat.usageSeconds());
                    }
                }));
        assertEquals(license1, s.licenseId());
        assertTrue(s.serverInterval().toSeconds() >= 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (usage.size() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(usage.size() >= 3, "three heartbeats from the loop, got " + usage);
        assertTrue(usage.get(usage.size() - 1) >= 2, "the platform credits the time between beats: " + usage);
        assertEquals(HeartbeatStatus.OK, s.beatNow().status());
        assertTrue(ends.isEmpty(), "nothing ended it while it ran");
        s.close();
        assertEquals(1, ends.size());
        assertEquals(org.licensing.sdk.session.SessionEnd.Status.CLOSED, ((org.licensing.sdk.session.SessionEnd) ends.get(0)).status());
        assertFalse(s.isRunning());
        // the token is signed out: a beat with it is refused
        Http.Answer after = api.exchange("POST", "/api/v1/sessions/heartbeat", null, s.token());
        assertTrue(after.status() == 401 || "expired".equals(after.body().get("status")) || "revoked".equals(after.body().get("status")),
                "after sign-out: " + after);
    }

    @Test
    @Order(3)
    void aSuspensionReachesTheListenerAndStopsTheBeats() throws Exception {
        LicensingClient c = client(key2);
        Device pc = device("pc2");
        c.activate(pc);
        java.util.concurrent.CompletableFuture<org.licensing.sdk.session.SessionEnd> ended = new java.util.concurrent.CompletableFuture<>();
        LicenseSession s = c.startSession(SessionOptions.of(pc.id(), "1.0.0").maxHeartbeatInterval(Duration.ofSeconds(1))
                .listener(ended::complete));
        assertEquals(HeartbeatStatus.OK, s.beatNow().status());
        api.call("POST", "/api/v1/licenses/" + license2 + "/suspend", Map.of("reason", "chargeback"), seller);
        org.licensing.sdk.session.SessionEnd end = ended.get(30, TimeUnit.SECONDS);
        assertEquals(org.licensing.sdk.session.SessionEnd.Status.BLOCKED, end.status());
        assertNotNull(end.reason());
        assertFalse(s.isRunning());
        assertThrows(IllegalStateException.class, s::beatNow);
        assertEquals(ValidationCode.SUSPENDED, c.validate(ValidationRequest.of(PRODUCT)).code());
        s.close();
    }

    @Test
    @Order(4)
    void aCertificateVerifiesOfflineATamperedOneIsRefusedAndAClockSetBackIsCaught() {
        MutableClock clock = new MutableClock(Instant.now());
        LicensingClient c = LicensingClient.builder(gw).licenseKey(key1).clock(clock).store(dir.resolve("cert-store.json")).build();
        Device pc = device("pc1");
        c.activate(pc);
        c.fetchPublicKey(); // fetched once from GET /api/v1/keys/public and kept
        LicenseCertificate cert = c.fetchCertificate(pc, 7); // POST /api/v1/certificates: the key is the credential
        assertEquals(license1, cert.licenseId());
        assertEquals(pc.id(), cert.deviceId());
        assertNotNull(cert.certificateId());
        LicensingException other = assertThrows(LicensingException.class,
                () -> c.fetchCertificate(new Device(pc.id(), "HW-not-this-one", null, null, null), 7));
        assertEquals("HWID_MISMATCH", other.code());
        assertEquals(ValidationCode.VALID, c.validate(ValidationRequest.of(PRODUCT).device(pc.id())
                .certificateId(cert.certificateId())).code());

        // from here on no network: a client on the same store, pointed nowhere
        LicensingClient offline = LicensingClient.builder(URI.create("http://127.0.0.1:9")).clock(clock)
                .store(dir.resolve("cert-store.json")).build();
        assertEquals(OfflineCode.VALID, offline.verifyOffline(pc.hwid()).code());
        assertEquals(OfflineCode.FINGERPRINT_MISMATCH, offline.verifyOffline("HW-someone-else").code());

        String token = cert.token();
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String stretched = payload.replace(cert.payload().get("not_after").toString(), "2099-01-01T00:00:00Z");
        assertFalse(stretched.equals(payload));
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(stretched.getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        assertEquals(OfflineCode.BAD_SIGNATURE, offline.verifyOffline(tampered, pc.hwid()).code());

        // revoked online: the platform refuses it at the next validation, offline it verifies until not_after
        api.call("POST", "/api/v1/licenses/" + license1 + "/certificates/" + cert.certificateId() + "/revoke",
                Map.of("reason", "laptop stolen"), customer);
        assertEquals(ValidationCode.CERTIFICATE_REVOKED, c.validate(ValidationRequest.of(PRODUCT).device(pc.id())
                .certificateId(cert.certificateId())).code());
        assertEquals(OfflineCode.VALID, offline.verifyOffline(pc.hwid()).code());

        clock.advance(Duration.ofDays(2));
        assertEquals(OfflineCode.VALID, offline.verifyOffline(pc.hwid()).code());
        clock.advance(Duration.ofDays(-1)); // the user sets the clock back a day
        assertEquals(OfflineCode.CLOCK_TAMPERED, offline.verifyOffline(pc.hwid()).code());
        clock.advance(Duration.ofDays(9));
        assertEquals(OfflineCode.EXPIRED, offline.verifyOffline(pc.hwid()).code(), "7 validity days are over");
    }

    @Test
    @Order(5)
    void withTheGatewayStoppedTheLastGoodValidationStandsOnGrace() throws Exception {
        String run = System.getProperty("licensing.nginx.run", "");
        Assumptions.assumeTrue(!run.isBlank(), "-Dlicensing.nginx.run=DIR is needed to stop the gateway");
        List<LicensingException> graceCauses = new CopyOnWriteArrayList<>();
        LicensingClient c = LicensingClient.builder(gw).licenseKey(key1).store(dir.resolve("grace-store.json"))
                .gracePeriod(Duration.ofHours(72)).onGrace((v, e) -> graceCauses.add(e)).connectTimeout(Duration.ofSeconds(2)).build();
        Device pc = device("pc3");
        c.activate(pc);
        ValidationRequest req = ValidationRequest.of(PRODUCT).device(pc.id());
        assertFalse(c.validate(req).grace());
        List<String> retries = new CopyOnWriteArrayList<>();
        List<Long> beats = new CopyOnWriteArrayList<>();
        LicenseSession s = c.startSession(SessionOptions.of(pc.id(), "1.0.0").maxHeartbeatInterval(Duration.ofSeconds(1))
                .listener(new org.licensing.sdk.session.SessionListener() {
                    @Override
                    public void onEnded(org.licensing.sdk.session.SessionEnd end) {
                    }

                    @Override
                    public void onHeartbeat(org.licensing.sdk.session.Heartbeat beat) {
                        beats.add(beat.usageSeconds());
                    }

                    @Override
                    public void onRetry(LicensingException error, Duration delay) {
                        retries.add(error.code());
                    }
                }));
        try {
            Gateway.stop(run, gw);
            Validation v = c.validate(req);
            assertTrue(v.grace(), "on grace while the gateway is down");
            assertTrue(v.valid());
            assertNotNull(v.graceEndsAt());
            assertEquals(1, graceCauses.size());
            assertEquals(ErrorKind.NETWORK, graceCauses.get(0).kind());
            LicensingException never = assertThrows(LicensingException.class,
                    () -> c.validate(ValidationRequest.of(PRODUCT).device("never-validated-" + suffix)));
            assertTrue(never.isNetworkFailure());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (retries.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(retries.contains(LicensingException.NETWORK_ERROR), "the heartbeat loop retries: " + retries);
        } finally {
            Gateway.start(run, gw);
        }
        int before = beats.size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (beats.size() == before && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(beats.size() > before, "the session beats again once the gateway is back");
        assertFalse(c.validate(req).grace(), "online again");
        s.close();
    }
}
