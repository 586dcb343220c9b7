package org.licensing.license.certificates;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;

@QuarkusTest
class CertificateResourceTest {

    @jakarta.inject.Inject
    org.licensing.common.licenses.LicenseSnapshots snapshots;

    static PublicKey publicKey() throws Exception {
        String b64 = given().get("/api/v1/keys/public").then().statusCode(200).body("algorithm", equalTo("Ed25519"))
                .extract().path("public_key");
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
    }

    static boolean verifies(PublicKey key, String certificate) throws Exception {
        String[] parts = certificate.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(key);
        v.update(payload);
        return v.verify(Base64.getUrlDecoder().decode(parts[1]));
    }

    @Test
    void certificateVerifiesWithThePublicKeyAndAModifiedOneDoesNot() throws Exception {
        Instant expires = Instant.now().plus(Duration.ofDays(10));
        Fixtures.Scenario s = Fixtures.scenario("{\"api_calls_per_day\": 50}", "[]", "[]", 2, expires);
        String deviceId = "dev-" + Fixtures.unique();
        long device = Fixtures.deviceWithHwid(s.license(), deviceId, "HWID-1234");
        // "fingerprint" is the older name of "hwid"
        String cert = given().auth().oauth2(Fixtures.token(s.owner(), "CUSTOMER")).contentType(ContentType.JSON)
                .body(Map.of("fingerprint", "HWID-1234", "device_id", deviceId, "validity_days", 30))
                .post("/api/v1/licenses/" + s.license() + "/certificate").then().statusCode(200)
                .body("algorithm", equalTo("Ed25519"))
                .body("payload.license_id", equalTo((int) s.license()))
                .body("payload.entitlements.max_devices", equalTo(2))
                .body("payload.entitlements.usage_limits.api_calls_per_day", equalTo(50))
                .extract().path("certificate");
        PublicKey key = publicKey();
        assertTrue(verifies(key, cert));

        JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(cert.split("\\.")[0]), StandardCharsets.UTF_8));
        assertEquals(s.license(), payload.getLong("license_id"));
        assertEquals(CertificateIssuer.sha256("HWID-1234"), payload.getString("device_fingerprint_hash"));
        assertEquals(deviceId, payload.getString("device_id"));
        assertEquals(device, payload.getLong("device_row_id"));
        assertEquals(36, payload.getString("certificate_id").length());
        // not_after is capped by the license's own expiry (10 days < 30 requested)
        assertFalse(Instant.parse(payload.getString("not_after")).isAfter(expires.plusMillis(1))); // PostgreSQL keeps microseconds

        // the holder extends its own certificate: the signature no longer matches
        payload.getJsonObject("entitlements").put("max_devices", 100);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8))
                + "." + cert.split("\\.")[1];
        assertFalse(verifies(key, forged));
    }

    @Test
    void onlyUsableLicensesOfTheCallerGetCertificates() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        String deviceId = "dev-" + Fixtures.unique();
        Fixtures.deviceWithHwid(s.license(), deviceId, "x");
        Map<String, Object> good = Map.of("hwid", "x", "device_id", deviceId);
        String path = "/api/v1/licenses/" + s.license() + "/certificate";
        given().contentType(ContentType.JSON).body(good).post(path).then().statusCode(401);
        long stranger = Fixtures.account("CUSTOMER");
        given().auth().oauth2(Fixtures.token(stranger, "CUSTOMER")).contentType(ContentType.JSON)
                .body(good).post(path).then().statusCode(404);
        given().auth().oauth2(Fixtures.token(s.seller(), "SELLER")).contentType(ContentType.JSON)
                .body(Map.of()).post(path).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().auth().oauth2(Fixtures.token(s.seller(), "SELLER")).contentType(ContentType.JSON)
                .body(Map.of("hwid", "x", "device_id", "not-bound")).post(path).then().statusCode(409)
                .body("code", equalTo("DEVICE_NOT_ACTIVATED"));
        given().auth().oauth2(Fixtures.token(s.seller(), "SELLER")).contentType(ContentType.JSON)
                .body(good).post(path).then().statusCode(200);
        Fixtures.execute("UPDATE license.licenses SET status = 'SUSPENDED' WHERE id = ?", s.license());
        snapshots.evict(s.license()).await().indefinitely();
        given().auth().oauth2(Fixtures.token(s.seller(), "SELLER")).contentType(ContentType.JSON)
                .body(good).post(path).then().statusCode(409).body("code", equalTo("LICENSE_NOT_USABLE"));
    }
}
