package org.licensing.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.EventTypes;
import org.licensing.common.redis.RedisKeys;
import org.licensing.common.testing.TestTokens;
import org.licensing.common.tokens.TokenKind;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class DeviceManagementTest {

    @Inject
    RedisDataSource redis;

    static long activate(Fixtures.License l, String dev) {
        return given().contentType(ContentType.JSON).body(Map.of("license_key", l.key(), "device_id", dev))
                .post("/api/v1/devices/activate").then().statusCode(201).extract().jsonPath().getLong("device.id");
    }

    static RequestSpecification as(long account, String role) {
        return given().auth().oauth2(Fixtures.token(account, role));
    }

    static String dev() {
        return "dev-" + UUID.randomUUID();
    }

    @Test
    void unbindingFreesTheSlot() {
        Fixtures.License l = Fixtures.license(1);
        String a = dev();
        String b = dev();
        long rowA = activate(l, a);
        given().contentType(ContentType.JSON).body(Map.of("license_key", l.key(), "device_id", b))
                .post("/api/v1/devices/activate").then().statusCode(409).body("code", equalTo("DEVICE_LIMIT_REACHED"))
                .body("max_devices", equalTo(1)).body("bound_devices", equalTo(1));

        as(l.tenant().customerId(), "CUSTOMER").post("/api/v1/devices/" + rowA + "/deactivate")
                .then().statusCode(200).body("bound", is(false)).body("state", equalTo("UNBOUND")).body("unbound_at", notNullValue());
        assertNull(redis.value(String.class).get(RedisKeys.deviceLicense(rowA)));
        assertNull(redis.value(String.class).get(RedisKeys.deviceLookup(l.id(), a)));
        assertEquals(1, Fixtures.events(EventTypes.DEVICE_UNBOUND, rowA));

        activate(l, b);
        // Deactivating again is idempotent and writes no second event (a seller here: not charged to anyone).
        as(l.tenant().sellerId(), "SELLER").post("/api/v1/devices/" + rowA + "/deactivate").then().statusCode(200)
                .body("bound", is(false));
        assertEquals(1, Fixtures.events(EventTypes.DEVICE_UNBOUND, rowA));
    }

    @Test
    void aCustomerCannotTouchAnotherCustomersDevices() {
        Fixtures.License l = Fixtures.license(2);
        long row = activate(l, dev());
        long other = Fixtures.account("CUSTOMER");
        long otherSeller = Fixtures.account("SELLER");
        as(other, "CUSTOMER").post("/api/v1/devices/" + row + "/deactivate").then().statusCode(404)
                .body("code", equalTo("DEVICE_NOT_FOUND"));
        as(other, "CUSTOMER").get("/api/v1/devices/" + row).then().statusCode(404);
        as(other, "CUSTOMER").queryParam("license_id", l.id()).get("/api/v1/devices").then().statusCode(404)
                .body("code", equalTo("LICENSE_NOT_FOUND"));
        as(other, "CUSTOMER").contentType(ContentType.JSON).body(Map.of("license_id", l.id())).post("/api/v1/devices/reset")
                .then().statusCode(404);
        as(otherSeller, "SELLER").post("/api/v1/devices/" + row + "/deactivate").then().statusCode(404);
        as(otherSeller, "SELLER").contentType(ContentType.JSON).body(Map.of()).post("/api/v1/devices/" + row + "/block")
                .then().statusCode(404);
        given().post("/api/v1/devices/" + row + "/deactivate").then().statusCode(401);
        assertEquals(1, Fixtures.scalarLong("SELECT count(*) FROM device.devices WHERE id = ? AND bound AND NOT blocked", row));
    }

    @Test
    void listShowsTheLicensesDevicesWithTheirState() {
        Fixtures.License l = Fixtures.license(3);
        String a = dev();
        long rowA = activate(l, a);
        long rowB = activate(l, dev());
        redis.value(String.class).setex(RedisKeys.deviceOnline(l.id(), rowA), 60, "1");
        // stats-service's per-device total, as its aggregator writes it
        Fixtures.update("INSERT INTO stats.usage_totals (scope, scope_id, usage_seconds, heartbeats) VALUES ('device', ?, 3725, 62)"
                + " ON CONFLICT (scope, scope_id) DO UPDATE SET usage_seconds = 3725", Long.toString(rowA));
        Fixtures.update("DELETE FROM stats.usage_totals WHERE scope = 'device' AND scope_id = ?", Long.toString(rowB));
        as(l.tenant().sellerId(), "SELLER").contentType(ContentType.JSON).body(Map.of("reason", "chargeback"))
                .post("/api/v1/devices/" + rowB + "/block").then().statusCode(200);
        as(l.tenant().customerId(), "CUSTOMER").queryParam("license_id", l.id()).get("/api/v1/devices")
                .then().statusCode(200)
                .body("license_id", equalTo((int) l.id())).body("max_devices", equalTo(3))
                .body("bound_devices", equalTo(2)).body("total_devices", equalTo(2))
                .body("devices", hasSize(2))
                .body("devices[0].id", equalTo((int) rowA)).body("devices[0].device_id", equalTo(a))
                .body("devices[0].state", equalTo("BOUND")).body("devices[0].online", is(true))
                .body("devices[0].usage_seconds", equalTo(3725)).body("devices[1].usage_seconds", equalTo(0))
                .body("devices[0].first_seen_at", notNullValue()).body("devices[0].last_seen_at", notNullValue())
                .body("devices[1].state", equalTo("BLOCKED")).body("devices[1].online", is(false))
                .body("devices[1].blocked_reason", equalTo("chargeback"));
        as(Fixtures.account("ADMIN"), "ADMIN").queryParam("license_id", l.id()).queryParam("limit", 1).get("/api/v1/devices")
                .then().statusCode(200).body("devices", hasSize(1));
        as(l.tenant().customerId(), "CUSTOMER").get("/api/v1/devices").then().statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void blockIsPushedToRedisAndStopsActivation() {
        Fixtures.License l = Fixtures.license(2);
        String d = dev();
        long row = activate(l, d);
        as(l.tenant().customerId(), "CUSTOMER").contentType(ContentType.JSON).body(Map.of()).post("/api/v1/devices/" + row + "/block")
                .then().statusCode(403);

        as(l.tenant().sellerId(), "SELLER").contentType(ContentType.JSON).body(Map.of("reason", "shared key"))
                .post("/api/v1/devices/" + row + "/block").then().statusCode(200).body("blocked", is(true))
                .body("state", equalTo("BLOCKED"));
        assertEquals("shared key", redis.value(String.class).get(RedisKeys.deviceBlocked(row)));
        assertNull(redis.value(String.class).get(RedisKeys.deviceLicense(row)), "cached snapshot dropped on block");
        assertEquals(1, Fixtures.events(EventTypes.DEVICE_BLOCKED, row));

        given().contentType(ContentType.JSON).body(Map.of("license_key", l.key(), "device_id", d))
                .post("/api/v1/devices/activate").then().statusCode(403).body("code", equalTo("DEVICE_BLOCKED"))
                .body("reason", equalTo("shared key"));

        as(Fixtures.account("ADMIN"), "ADMIN").post("/api/v1/devices/" + row + "/unblock").then().statusCode(200)
                .body("blocked", is(false)).body("state", equalTo("BOUND"));
        assertFalse(redis.key().exists(RedisKeys.deviceBlocked(row)));
        assertEquals(1, Fixtures.events(EventTypes.DEVICE_UNBLOCKED, row));
        given().contentType(ContentType.JSON).body(Map.of("license_key", l.key(), "device_id", d))
                .post("/api/v1/devices/activate").then().statusCode(200);
    }

    @Test
    void unknownDevicesAndWrongTokensAreRefused() {
        long admin = Fixtures.account("ADMIN");
        as(admin, "ADMIN").get("/api/v1/devices/999999999999").then().statusCode(404).body("code", equalTo("DEVICE_NOT_FOUND"));
        // a refresh token and a session token are signed with their own keys and audiences: device-service
        // knows neither key, so both are refused as credentials (401), whatever roles they claim
        String refresh = TestTokens.sign(TokenKind.REFRESH, io.smallrye.jwt.build.Jwt.subject(Long.toString(admin)).groups("ADMIN"));
        given().auth().oauth2(refresh).get("/api/v1/devices/1").then().statusCode(401);
        String client = TestTokens.sign(TokenKind.SESSION, io.smallrye.jwt.build.Jwt.subject(Long.toString(admin)).groups("CLIENT"));
        given().auth().oauth2(client).get("/api/v1/devices/1").then().statusCode(401);
        // an access token claiming the client role is still not let in (403)
        given().auth().oauth2(TestTokens.access(admin, "CLIENT")).get("/api/v1/devices/1").then().statusCode(403);
    }
}
