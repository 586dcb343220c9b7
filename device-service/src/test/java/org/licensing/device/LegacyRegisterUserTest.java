package org.licensing.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Requirement 000's register_user.php keeps its form fields and its {status, message} answers. */
@QuarkusTest
class LegacyRegisterUserTest {

    static ValidatableResponse register(Map<String, String> form) {
        return given().formParams(form).post("/api/register_user.php").then().statusCode(200).contentType("application/json");
    }

    @Test
    void registersOnceThenAnswersAlreadyRegistered() {
        Fixtures.License l = Fixtures.license(1);
        String dev = "pc-" + UUID.randomUUID();
        register(Map.of("license_key", l.key(), "device_id", dev, "user_name", "bob"))
                .body("status", equalTo("success")).body("message", equalTo("Device registered successfully."));
        register(Map.of("license_key", l.key(), "device_id", dev, "user_name", "bob"))
                .body("status", equalTo("success")).body("message", equalTo("Device already registered."));
        assertEquals("bob", Fixtures.scalarString("SELECT user_name FROM device.devices WHERE license_id = ? AND device_id = ?",
                l.id(), dev));
        register(Map.of("license_key", l.key(), "device_id", "pc-" + UUID.randomUUID(), "user_name", "eve"))
                .body("status", equalTo("error")).body("message", equalTo("Device limit reached for this license key."));
    }

    @Test
    void errorsAndBlocksUseTheLegacyShape() {
        register(Map.of("license_key", "TEST-" + UUID.randomUUID(), "device_id", "x1", "user_name", "a"))
                .body("status", equalTo("error")).body("message", equalTo("Invalid license key."));
        register(Map.of("license_key", "SELLER-BASIC-AAAAA-GGGGG-AAAAA-AAAAA-AAAAA", "device_id", "x1"))
                .body("status", equalTo("error")).body("message", equalTo("Invalid license key."));
        register(Map.of("device_id", "x1")).body("status", equalTo("error"))
                .body("message", equalTo("Key and Device ID are required."));
        Fixtures.Tenant t = Fixtures.tenant();
        register(Map.of("license_key", Fixtures.license(t, 2, "SUSPENDED", null).key(), "device_id", "x1"))
                .body("status", equalTo("blocked"));

        Fixtures.License l = Fixtures.license(t, 2, "ACTIVE", null);
        String dev = "pc-" + UUID.randomUUID();
        register(Map.of("license_key", l.key(), "device_id", dev)).body("status", equalTo("success"));
        Fixtures.update("UPDATE device.devices SET blocked = true WHERE license_id = ? AND device_id = ?", l.id(), dev);
        register(Map.of("license_key", l.key(), "device_id", dev)).body("status", equalTo("blocked"))
                .body("message", equalTo("Your access has been blocked."));
    }

    @Test
    void aDeviceBoundWithAnHwidIsNotReRegisteredWithoutIt() {
        Fixtures.License l = Fixtures.license(2);
        String dev = "pc-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("license_key", l.key(), "device_id", dev, "hwid", "HW-LEGACY"))
                .post("/api/v1/devices/activate").then().statusCode(201);
        register(Map.of("license_key", l.key(), "device_id", dev, "user_name", "mallory")).body("status", equalTo("error"))
                .body("message", equalTo("This device is registered with a hardware id; register it from the application."));
        assertEquals(null, Fixtures.scalarString("SELECT user_name FROM device.devices WHERE license_id = ? AND device_id = ?",
                l.id(), dev));
    }
}
