package org.licensing.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.EventTypes;
import org.licensing.common.redis.RedisKeys;
import org.licensing.device.activation.Hwid;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ActivationTest {

    @Inject
    RedisDataSource redis;

    static Response activate(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("X-Real-IP", "198.51.100.7").header("User-Agent", "app/1.0")
                .body(body).post("/api/v1/devices/activate");
    }

    static String deviceId() {
        return "dev-" + UUID.randomUUID();
    }

    @Test
    void activationBindsOnceAndReactivationIsIdempotent() {
        Fixtures.License l = Fixtures.license(2);
        String dev = deviceId();
        Response first = activate(Map.of("license_key", l.key(), "device_id", dev, "hwid", "HW-1234", "name", "Office PC",
                "user_name", "alice", "fingerprint", Map.of("platform", "linux", "hardware_concurrency", 8)));
        first.then().statusCode(201).body("activated", is(true)).body("already_bound", is(false))
                .body("device.device_id", equalTo(dev)).body("device.state", equalTo("BOUND"))
                .body("device.hwid_bound", is(true)).body("device.user_name", equalTo("alice"))
                .body("device.fingerprint.platform", equalTo("linux"))
                .body("license.id", equalTo((int) l.id())).body("license.max_devices", equalTo(2))
                .body("license.bound_devices", equalTo(1));
        long rowId = first.jsonPath().getLong("device.id");
        String lastSeen = Fixtures.scalarString("SELECT last_seen_at::text FROM device.devices WHERE id = ?", rowId);

        // Same device again, from elsewhere with another agent: no new slot, details refreshed.
        given().contentType(ContentType.JSON).header("X-Real-IP", "198.51.100.9").header("User-Agent", "app/2.0")
                .body(Map.of("license_key", l.key(), "device_id", dev, "hwid", "HW-1234", "fingerprint", Map.of("platform", "mac")))
                .post("/api/v1/devices/activate")
                .then().statusCode(200).body("already_bound", is(true)).body("device.id", equalTo((int) rowId))
                .body("device.ip_address", equalTo("198.51.100.9")).body("device.user_agent", equalTo("app/2.0"))
                .body("device.fingerprint.platform", equalTo("mac")).body("device.name", equalTo("Office PC"))
                .body("license.bound_devices", equalTo(1));
        assertEquals(1, Fixtures.scalarLong("SELECT count(*) FROM device.devices WHERE license_id = ? AND bound", l.id()));
        assertNotEquals(lastSeen, Fixtures.scalarString("SELECT last_seen_at::text FROM device.devices WHERE id = ?", rowId));
        assertEquals(1, Fixtures.events(EventTypes.DEVICE_BOUND, rowId), "re-activation writes no second device.bound");
    }

    @Test
    void hwidIsStoredOnlyAsSha256AndBindsTheDevice() {
        Fixtures.License l = Fixtures.license(3);
        String dev = deviceId();
        long rowId = activate(Map.of("license_key", l.key(), "device_id", dev, "hwid", "SERIAL-XYZ-42"))
                .then().statusCode(201).extract().jsonPath().getLong("device.id");
        String stored = Fixtures.scalarString("SELECT hwid_hash FROM device.devices WHERE id = ?", rowId);
        assertEquals(Hwid.hash("SERIAL-XYZ-42"), stored);
        assertEquals(64, stored.length());
        assertEquals(0, Fixtures.scalarLong("SELECT count(*) FROM device.devices WHERE id = ? AND row_to_json(devices.*)::text LIKE '%SERIAL-XYZ%'", rowId));

        activate(Map.of("license_key", l.key(), "device_id", dev, "hwid", "OTHER-MACHINE"))
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("HWID_MISMATCH"));
        // fails closed: leaving the hwid out does not re-activate it (on whatever hardware)
        activate(Map.of("license_key", l.key(), "device_id", dev))
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("HWID_REQUIRED"));
        activate(Map.of("license_key", l.key(), "device_id", dev, "hwid", " "))
                .then().statusCode(409).body("code", equalTo("HWID_REQUIRED"));
        activate(Map.of("license_key", l.key(), "device_id", dev, "hwid", "SERIAL-XYZ-42")).then().statusCode(200)
                .body("already_bound", is(true));
        assertEquals(Hwid.hash("SERIAL-XYZ-42"), Fixtures.scalarString("SELECT hwid_hash FROM device.devices WHERE id = ?", rowId));
    }

    @Test
    void cacheEntriesAndBoundEventFollowTheCommit() {
        Fixtures.License l = Fixtures.license(1);
        String dev = deviceId();
        long rowId = activate(Map.of("license_key", l.key(), "device_id", dev)).then().statusCode(201)
                .extract().jsonPath().getLong("device.id");
        String snapshot = redis.value(String.class).get(RedisKeys.deviceLicense(rowId));
        assertNotNull(snapshot);
        assertTrue(snapshot.contains("\"max_devices\":1"), snapshot);
        long ttl = redis.key().ttl(RedisKeys.deviceLicense(rowId));
        assertTrue(ttl > 3500 && ttl <= 3600, "ttl " + ttl);
        assertEquals(Long.toString(rowId), redis.value(String.class).get(RedisKeys.deviceLookup(l.id(), dev)));
        String event = Fixtures.lastEvent(EventTypes.DEVICE_BOUND, rowId);
        assertNotNull(event);
        assertTrue(event.contains("\"license_id\":" + l.id()) && event.contains("\"account_id\":" + l.tenant().customerId()), event);
    }

    @Test
    void licenseMustBeActiveUnexpiredAndOfTheProduct() {
        Fixtures.Tenant t = Fixtures.tenant();
        activate(Map.of("license_key", Fixtures.license(t, 3, "SUSPENDED", null).key(), "device_id", deviceId()))
                .then().statusCode(409).body("code", equalTo("LICENSE_SUSPENDED"));
        activate(Map.of("license_key", Fixtures.license(t, 3, "REVOKED", null).key(), "device_id", deviceId()))
                .then().statusCode(409).body("code", equalTo("LICENSE_REVOKED"));
        activate(Map.of("license_key", Fixtures.license(t, 3, "UNUSED", null).key(), "device_id", deviceId()))
                .then().statusCode(409).body("code", equalTo("LICENSE_NOT_ACTIVE"));
        activate(Map.of("license_key", Fixtures.license(t, 3, "ACTIVE", Instant.now().minus(1, ChronoUnit.HOURS)).key(),
                "device_id", deviceId())).then().statusCode(409).body("code", equalTo("LICENSE_EXPIRED"));
        Fixtures.License ok = Fixtures.license(t, 3, "ACTIVE", Instant.now().plus(1, ChronoUnit.DAYS));
        activate(Map.of("license_key", ok.key(), "device_id", deviceId(), "product_code", "OTHER"))
                .then().statusCode(409).body("code", equalTo("PRODUCT_MISMATCH"));
        activate(Map.of("license_key", ok.key(), "device_id", deviceId(), "product_id", t.productId() + 100000))
                .then().statusCode(409).body("code", equalTo("PRODUCT_MISMATCH"));
        activate(Map.of("license_key", ok.key(), "device_id", deviceId(), "product_code", t.productCode(), "product_id", t.productId()))
                .then().statusCode(201);
        assertEquals(1, Fixtures.scalarLong("SELECT count(*) FROM device.devices d JOIN license.licenses l ON l.id = d.license_id"
                + " WHERE l.product_id = ?", t.productId()), "refused activations bind nothing");
    }

    @Test
    void badInputIsA4xxNamingTheField() {
        activate(Map.of("license_key", "TEST-" + UUID.randomUUID(), "device_id", deviceId()))
                .then().statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));
        activate(Map.of("license_key", "SELLER-BASIC-AAAAA-GGGGG-AAAAA-AAAAA-AAAAA", "device_id", deviceId()))
                .then().statusCode(400).body("code", equalTo("MALFORMED_KEY"));
        activate(Map.of("license_key", "TEST-" + UUID.randomUUID()))
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", notNullValue());
        activate(Map.of("device_id", deviceId())).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        activate(Map.of("license_key", "TEST-" + UUID.randomUUID(), "device_id", "has space"))
                .then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        given().contentType(ContentType.JSON).body("{\"license_key\": ").post("/api/v1/devices/activate")
                .then().statusCode(400);
    }

    @Test
    void activationByLicenseIdNeedsTheOwnersToken() {
        Fixtures.License l = Fixtures.license(2);
        activate(Map.of("license_id", l.id(), "device_id", deviceId())).then().statusCode(401);
        long stranger = Fixtures.account("CUSTOMER");
        given().auth().oauth2(Fixtures.token(stranger, "CUSTOMER")).contentType(ContentType.JSON)
                .body(Map.of("license_id", l.id(), "device_id", deviceId())).post("/api/v1/devices/activate")
                .then().statusCode(404).body("code", equalTo("LICENSE_NOT_FOUND"));
        given().auth().oauth2(Fixtures.token(l.tenant().customerId(), "CUSTOMER")).contentType(ContentType.JSON)
                .body(Map.of("license_id", l.id(), "device_id", deviceId())).post("/api/v1/devices/activate")
                .then().statusCode(201);
        given().auth().oauth2(Fixtures.token(l.tenant().sellerId(), "SELLER")).contentType(ContentType.JSON)
                .body(Map.of("license_id", l.id(), "device_id", deviceId())).post("/api/v1/devices/activate")
                .then().statusCode(201);
    }
}
