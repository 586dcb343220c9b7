package org.licensing.license.certificates;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Offline certificates name a bound device and match its HWID (person and application endpoints),
 * are recorded, listed and revocable, and a revoked one is refused online.
 */
@QuarkusTest
class OfflineCertificateTest {

    static ValidatableResponse byKey(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/certificates").then();
    }

    static ValidatableResponse byPerson(long license, String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/licenses/" + license + "/certificate").then();
    }

    static ValidatableResponse validate(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/licenses/validate").then().statusCode(200);
    }

    @Test
    void aCertificateNamesABoundDeviceWithItsHwid() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 3, null);
        String seller = Fixtures.token(s.seller(), "SELLER");
        String dev = "dev-" + Fixtures.unique();
        Fixtures.deviceWithHwid(s.license(), dev, "HW-A");
        // device_id is required, and hwid
        byPerson(s.license(), seller, Map.of("hwid", "HW-A")).statusCode(400).body("errors[0].field", equalTo("device_id"));
        byPerson(s.license(), seller, Map.of("device_id", dev)).statusCode(400).body("errors[0].field", equalTo("hwid"));
        // another machine's HWID under this device id: refused
        byPerson(s.license(), seller, Map.of("device_id", dev, "hwid", "HW-B")).statusCode(409)
                .body("code", equalTo("HWID_MISMATCH"));
        byKey(Map.of("license_key", s.key(), "device_id", dev, "hwid", "HW-B")).statusCode(409)
                .body("code", equalTo("HWID_MISMATCH"));
        // bound without an HWID: nothing to certify
        String noHwid = "nohw-" + Fixtures.unique();
        Fixtures.device(s.license(), noHwid, true, false);
        byKey(Map.of("license_key", s.key(), "device_id", noHwid, "hwid", "HW-A")).statusCode(409)
                .body("code", equalTo("HWID_REQUIRED"));
        // unbound, blocked, another license's device
        String gone = "gone-" + Fixtures.unique();
        Fixtures.deviceWithHwid(s.license(), gone, "HW-G");
        Fixtures.execute("UPDATE device.devices SET bound = false WHERE license_id = ? AND device_id = ?", s.license(), gone);
        byKey(Map.of("license_key", s.key(), "device_id", gone, "hwid", "HW-G")).statusCode(409)
                .body("code", equalTo("DEVICE_NOT_ACTIVATED"));
        String blocked = "blk-" + Fixtures.unique();
        Fixtures.deviceWithHwid(s.license(), blocked, "HW-K");
        Fixtures.execute("UPDATE device.devices SET blocked = true WHERE license_id = ? AND device_id = ?", s.license(), blocked);
        byKey(Map.of("license_key", s.key(), "device_id", blocked, "hwid", "HW-K")).statusCode(409)
                .body("code", equalTo("DEVICE_BLOCKED"));
        Fixtures.Scenario other = Fixtures.scenario("{}", "[]", "[]", 1, null);
        String foreign = "f-" + Fixtures.unique();
        Fixtures.deviceWithHwid(other.license(), foreign, "HW-F");
        byKey(Map.of("license_key", s.key(), "device_id", foreign, "hwid", "HW-F")).statusCode(409)
                .body("code", equalTo("DEVICE_NOT_ACTIVATED"));
        // unknown and malformed keys, missing key
        byKey(Map.of("license_key", Fixtures.newKey(), "device_id", dev, "hwid", "HW-A")).statusCode(404)
                .body("code", equalTo("LICENSE_NOT_FOUND"));
        byKey(Map.of("device_id", dev, "hwid", "HW-A")).statusCode(400).body("errors[0].field", equalTo("license_key"));
        byKey(Map.of("license_key", s.key(), "device_id", dev, "hwid", "HW-A", "validity_days", 0)).statusCode(400)
                .body("errors[0].field", equalTo("validity_days"));
        assertEquals(0, Fixtures.queryLong("SELECT count(*) FROM license.certificates WHERE license_id = ?", s.license()));

        // the right device and HWID (surrounding blanks are not part of an HWID, as at activation)
        ValidatableResponse ok = byKey(Map.of("license_key", s.key(), "device_id", dev, "hwid", " HW-A ", "validity_days", 7))
                .statusCode(200).body("algorithm", equalTo("Ed25519"))
                .body("payload.device_id", equalTo(dev))
                .body("payload.device_fingerprint_hash", equalTo(CertificateIssuer.sha256("HW-A")))
                .body("payload.license_id", equalTo((int) s.license()));
        String id = ok.extract().path("certificate_id");
        assertEquals(id, ok.extract().path("payload.certificate_id"));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.certificates WHERE license_id = ?"
                + " AND issued_via = 'LICENSE_KEY' AND not_after <= now() + interval '7 days'", s.license()));
    }

    @Test
    void certificatesAreListedAndARevokedOneIsRefusedOnline() throws Exception {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 2, null);
        String owner = Fixtures.token(s.owner(), "CUSTOMER");
        String dev = "dev-" + Fixtures.unique();
        long row = Fixtures.deviceWithHwid(s.license(), dev, "HW-1");
        String first = byKey(Map.of("license_key", s.key(), "device_id", dev, "hwid", "HW-1")).statusCode(200)
                .extract().path("certificate_id");
        ValidatableResponse second = byPerson(s.license(), owner, Map.of("device_id", dev, "hwid", "HW-1")).statusCode(200);
        String secondId = second.extract().path("certificate_id");
        assertTrue(CertificateResourceTest.verifies(CertificateResourceTest.publicKey(), second.extract().path("certificate")));

        String list = "/api/v1/licenses/" + s.license() + "/certificates";
        List<Map<String, Object>> listed = given().auth().oauth2(owner).get(list).then().statusCode(200)
                .body("$", hasSize(2)).extract().path("$");
        assertEquals(secondId, listed.get(0).get("id"));
        assertEquals("ACCOUNT", listed.get(0).get("issued_via"));
        assertEquals((int) s.owner(), listed.get(0).get("issued_by_account_id"));
        assertEquals("LICENSE_KEY", listed.get(1).get("issued_via"));
        assertEquals("ACTIVE", listed.get(1).get("status"));
        // strangers see nothing
        given().auth().oauth2(Fixtures.token(Fixtures.account("CUSTOMER"), "CUSTOMER")).get(list).then().statusCode(404);
        given().get(list).then().statusCode(401);

        // online: a standing certificate validates (its device is checked), then revocation refuses it
        validate(Map.of("key", s.key(), "certificate_id", first)).body("code", equalTo("VALID"))
                .body("device_row_id", equalTo((int) row));
        given().auth().oauth2(owner).delete(list + "/" + first).then().statusCode(200)
                .body("status", equalTo("REVOKED")).body("revoked_by_account_id", equalTo((int) s.owner()));
        validate(Map.of("key", s.key(), "certificate_id", first)).body("code", equalTo("CERTIFICATE_REVOKED"))
                .body("valid", equalTo(false));
        validate(Map.of("key", s.key(), "certificate_id", first, "device_id", dev)).body("code", equalTo("CERTIFICATE_REVOKED"));
        // the other one still stands; POST .../revoke with a reason; revoking twice keeps the first revocation
        validate(Map.of("key", s.key(), "certificate_id", secondId)).body("code", equalTo("VALID"));
        String seller = Fixtures.token(s.seller(), "SELLER");
        given().auth().oauth2(seller).contentType(ContentType.JSON).body(Map.of("reason", "laptop stolen"))
                .post(list + "/" + secondId + "/revoke").then().statusCode(200).body("revoked_reason", equalTo("laptop stolen"))
                .body("revoked_by_account_id", equalTo((int) s.seller()));
        given().auth().oauth2(owner).delete(list + "/" + secondId).then().statusCode(200)
                .body("revoked_reason", equalTo("laptop stolen")).body("revoked_by_account_id", equalTo((int) s.seller()));
        validate(Map.of("key", s.key(), "certificate_id", secondId)).body("code", equalTo("CERTIFICATE_REVOKED"));
        given().auth().oauth2(owner).get(list).then().statusCode(200).body("status", equalTo(List.of("REVOKED", "REVOKED")));

        // unknown ids, another license's certificate, another device: not found
        given().auth().oauth2(owner).delete(list + "/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        given().auth().oauth2(owner).delete(list + "/nope").then().statusCode(404).body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        Fixtures.Scenario other = Fixtures.scenario("{}", "[]", "[]", 1, null);
        validate(Map.of("key", other.key(), "certificate_id", first)).body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        String third = byKey(Map.of("license_key", s.key(), "device_id", dev, "hwid", "HW-1")).statusCode(200)
                .extract().path("certificate_id");
        validate(Map.of("key", s.key(), "certificate_id", third, "device_id", "someone-else"))
                .body("code", equalTo("CERTIFICATE_NOT_FOUND"));
        // the certificate's device is checked online: once blocked, a standing certificate is refused too
        Fixtures.execute("UPDATE device.devices SET blocked = true WHERE id = ?", row);
        validate(Map.of("key", s.key(), "certificate_id", third)).body("code", equalTo("DEVICE_BLOCKED"));
    }
}
