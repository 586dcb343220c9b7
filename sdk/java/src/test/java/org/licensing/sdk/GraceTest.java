package org.licensing.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The grace period: the rule on its own with a fake clock, then through the client against a gateway that goes away. */
class GraceTest {

    static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
    static final String VALID = "{\"valid\":true,\"code\":\"VALID\",\"detail\":\"The license is valid\",\"license_id\":42,"
            + "\"product_id\":3,\"status\":\"ACTIVE\",\"expires_at\":\"2027-12-01T00:00:00Z\",\"limits\":{\"max_devices\":2}}";
    static final Duration TOL = Duration.ofMinutes(5);

    static Validation good(Instant at) {
        return Validation.fromAnswer(org.licensing.sdk.internal.Json.parseObject(VALID), at);
    }

    @Test
    void theLastGoodValidationStandsForTheGracePeriodOnly() {
        Duration grace = Duration.ofHours(72);
        Validation v = GraceRule.stand(good(T0), T0.plus(Duration.ofHours(71)), grace, T0, TOL);
        assertTrue(v.grace());
        assertTrue(v.valid());
        assertEquals(T0.plus(grace), v.graceEndsAt());
        assertNull(GraceRule.stand(good(T0), T0.plus(grace), grace, T0, TOL));
    }

    @Test
    void noGraceWithoutAGoodValidationOrAfterTheLicenseExpired() {
        assertNull(GraceRule.stand(null, T0, Duration.ofHours(72), null, TOL));
        Validation suspended = Validation.fromAnswer(org.licensing.sdk.internal.Json.parseObject(
                "{\"valid\":false,\"code\":\"SUSPENDED\"}"), T0);
        assertNull(GraceRule.stand(suspended, T0.plusSeconds(60), Duration.ofHours(72), null, TOL));
        Validation expiring = Validation.fromAnswer(org.licensing.sdk.internal.Json.parseObject(
                "{\"valid\":true,\"code\":\"VALID\",\"expires_at\":\"2026-12-02T00:00:00Z\"}"), T0);
        Validation standing = GraceRule.stand(expiring, T0.plus(Duration.ofHours(6)), Duration.ofHours(72), null, TOL);
        assertEquals(Instant.parse("2026-12-02T00:00:00Z"), standing.graceEndsAt());
        assertNull(GraceRule.stand(expiring, Instant.parse("2026-12-02T00:00:00Z"), Duration.ofHours(72), null, TOL));
    }

    @Test
    void aClockSetBackGetsNoGrace() {
        Duration grace = Duration.ofHours(72);
        assertNull(GraceRule.stand(good(T0), T0.minus(Duration.ofHours(1)), grace, null, TOL), "before the validation");
        assertNull(GraceRule.stand(good(T0), T0.plus(Duration.ofHours(1)), grace, T0.plus(Duration.ofHours(30)), TOL),
                "behind last seen");
    }

    @Test
    void theClientAnswersOnGraceWhenTheGatewayAnswers503AndTellsTheApplication(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(T0);
        List<LicensingException> told = new ArrayList<>();
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.reply("POST /api/v1/licenses/validate", 200, VALID)
                    .reply("POST /api/v1/licenses/validate", 503, ScriptedGateway.problem(503, "SERVICE_UNAVAILABLE", "down"));
            LicensingClient client = LicensingClient.builder(gw.url()).licenseKey("K").clock(clock)
                    .store(dir.resolve("store.json")).onGrace((v, e) -> told.add(e)).build();
            ValidationRequest req = ValidationRequest.of("API").device("pc-1");
            Validation online = client.validate(req);
            assertTrue(online.valid());
            assertFalse(online.grace());

            clock.advance(Duration.ofHours(10));
            Validation offline = client.validate(req);
            assertTrue(offline.valid());
            assertTrue(offline.grace());
            assertEquals(T0.plus(LicensingClient.DEFAULT_GRACE), offline.graceEndsAt());
            assertEquals(1, told.size());
            assertEquals(503, told.get(0).status());

            // another request never validated online has no grace
            LicensingException other = assertThrows(LicensingException.class, () -> client.validate(ValidationRequest.of("OTHER")));
            assertEquals(ErrorKind.UNAVAILABLE, other.kind());

            clock.advance(Duration.ofHours(62)); // 72 h after the good validation
            LicensingException e = assertThrows(LicensingException.class, () -> client.validate(req));
            assertEquals("SERVICE_UNAVAILABLE", e.code());
        }
    }

    @Test
    void theGraceSurvivesARestartThroughTheStoreAndAppliesToNetworkFailures(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(T0);
        Path store = dir.resolve("store.json");
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.reply("POST /api/v1/licenses/validate", 200, VALID);
            LicensingClient.builder(gw.url()).licenseKey("K").clock(clock).store(store).build().validate(ValidationRequest.of("API"));
        }
        assertTrue(Files.readString(store).contains("\"validations\""));
        URI nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = URI.create("http://127.0.0.1:" + s.getLocalPort()); // closed when the block ends: connection refused
        }
        clock.advance(Duration.ofHours(1));
        LicensingClient restarted = LicensingClient.builder(nobody).licenseKey("K").clock(clock).store(store)
                .gracePeriod(Duration.ofHours(2)).build();
        Validation v = restarted.validate(ValidationRequest.of("API"));
        assertTrue(v.grace());
        assertEquals(T0.plus(Duration.ofHours(2)), v.graceEndsAt());
        clock.advance(Duration.ofHours(1));
        LicensingException e = assertThrows(LicensingException.class, () -> restarted.validate(ValidationRequest.of("API")));
        assertEquals(ErrorKind.NETWORK, e.kind());
        assertEquals(0, e.status());
    }

    @Test
    void aRefusalOrABadVerdictNeverStartsGrace() throws Exception {
        MutableClock clock = new MutableClock(T0);
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.reply("POST /api/v1/licenses/validate", 200, VALID)
                    .reply("POST /api/v1/licenses/validate", 429, ScriptedGateway.problem(429, "RATE_LIMITED", "slow down"),
                            java.util.Map.of("Retry-After", "30"))
                    .reply("POST /api/v1/licenses/validate", 200, "{\"valid\":false,\"code\":\"SUSPENDED\",\"detail\":\"x\"}")
                    .reply("POST /api/v1/licenses/validate", 503, "");
            LicensingClient client = LicensingClient.builder(gw.url()).licenseKey("K").clock(clock).build();
            ValidationRequest req = ValidationRequest.of("API");
            assertTrue(client.validate(req).valid());
            LicensingException limited = assertThrows(LicensingException.class, () -> client.validate(req));
            assertEquals(ErrorKind.REFUSED, limited.kind());
            assertEquals(Duration.ofSeconds(30), limited.retryAfter().orElseThrow());
            Validation suspended = client.validate(req);
            assertEquals(ValidationCode.SUSPENDED, suspended.code());
            // the suspension replaced the good verdict: an outage now is an error, not grace
            assertThrows(LicensingException.class, () -> client.validate(req));
        }
    }
}
