package org.licensing.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Every failure leaves as one LicensingException; network failures are told apart from refusals. */
class ErrorMappingTest {

    @Test
    void aProblemBecomesItsCodeStatusDetailAndExtensions() throws Exception {
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.reply("POST /api/v1/devices/activate", 409,
                    "{\"type\":\"https://licensing.dev/problems/device-limit-reached\",\"title\":\"Conflict\",\"status\":409,"
                            + "\"detail\":\"3 of 3 devices are bound\",\"code\":\"DEVICE_LIMIT_REACHED\",\"max_devices\":3}");
            LicensingClient c = LicensingClient.builder(gw.url()).licenseKey("K").build();
            LicensingException e = assertThrows(LicensingException.class, () -> c.activate(Device.of("pc-1", "HW")));
            assertEquals(ErrorKind.REFUSED, e.kind());
            assertEquals("DEVICE_LIMIT_REACHED", e.code());
            assertEquals(409, e.status());
            assertEquals("3 of 3 devices are bound", e.detail());
            assertEquals(3L, e.problem().get("max_devices"));
            assertFalse(e.isUnreachable());
            assertTrue(gw.received.get(0).body().contains("\"license_key\":\"K\""));
            assertTrue(gw.received.get(0).body().contains("\"hwid\":\"HW\""));
        }
    }

    @Test
    void gatewayErrorsWithoutAProblemAreUnavailable() throws Exception {
        try (ScriptedGateway gw = new ScriptedGateway()) {
            gw.replyRaw("POST /api/v1/licenses/validate", 502, "text/html", "<html>502 Bad Gateway</html>");
            gw.replyRaw("GET /api/v1/keys/public", 404, "text/html", "<html>not here</html>");
            LicensingClient c = LicensingClient.builder(gw.url()).licenseKey("K").build();
            LicensingException e = assertThrows(LicensingException.class, () -> c.validate(ValidationRequest.of("API")));
            assertEquals(ErrorKind.UNAVAILABLE, e.kind());
            assertEquals("SERVICE_UNAVAILABLE", e.code());
            assertEquals(502, e.status());
            assertTrue(e.isUnreachable());
            LicensingException nf = assertThrows(LicensingException.class, c::fetchPublicKey);
            assertEquals("HTTP_404", nf.code());
            assertEquals(ErrorKind.REFUSED, nf.kind());
        }
    }

    @Test
    void a503KeepsItsCodeAndRetryAfter() {
        LicensingException e = org.licensing.sdk.internal.Http.refusal(503, "5",
                Map.<String, Object>of("code", "SERVICE_UNAVAILABLE", "detail", "The session store is unavailable"), java.time.Clock.systemUTC());
        assertEquals(ErrorKind.UNAVAILABLE, e.kind());
        assertEquals(Duration.ofSeconds(5), e.retryAfter().orElseThrow());
        assertEquals("The session store is unavailable", e.detail());
    }

    @Test
    void noAnswerAtAllIsANetworkFailure() throws Exception {
        URI nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        LicensingClient c = LicensingClient.builder(nobody).licenseKey("K").build();
        LicensingException e = assertThrows(LicensingException.class, () -> c.activate(Device.of("pc-1", "HW")));
        assertEquals(ErrorKind.NETWORK, e.kind());
        assertEquals(LicensingException.NETWORK_ERROR, e.code());
        assertEquals(0, e.status());
        assertTrue(e.isNetworkFailure());
    }

    @Test
    void unknownValidationCodesAreKeptRaw() {
        assertEquals(ValidationCode.DEVICE_BLOCKED, ValidationCode.of("DEVICE_BLOCKED"));
        assertEquals(ValidationCode.UNKNOWN, ValidationCode.of("SOMETHING_NEW"));
        Validation v = Validation.fromAnswer(Map.<String, Object>of("valid", false, "code", "SOMETHING_NEW"), java.time.Instant.now());
        assertEquals("SOMETHING_NEW", v.rawCode());
        assertEquals(ValidationCode.UNKNOWN, v.code());
    }
}
