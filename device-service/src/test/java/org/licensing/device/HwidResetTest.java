package org.licensing.device;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.EventTypes;
import org.licensing.common.redis.RedisKeys;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Test profile: 2 self-service resets per 30 days, 1 h apart (application.properties %test). */
@QuarkusTest
class HwidResetTest {

    @Inject
    RedisDataSource redis;

    static long activate(Fixtures.License l, String dev, String hwid) {
        return given().contentType(ContentType.JSON).body(Map.of("license_key", l.key(), "device_id", dev, "hwid", hwid))
                .post("/api/v1/devices/activate").then().statusCode(201).extract().jsonPath().getLong("device.id");
    }

    static Response reset(long account, String role, Map<String, Object> body) {
        return given().auth().oauth2(Fixtures.token(account, role)).contentType(ContentType.JSON).body(body)
                .post("/api/v1/devices/reset");
    }

    /** Moves the account's last reset into the past, as time passing would. */
    static void age(long account, Duration by) {
        Fixtures.update("UPDATE device.hwid_resets SET hwid_last_reset_at = hwid_last_reset_at - ?::interval WHERE account_id = ?",
                by.toSeconds() + " seconds", account);
    }

    @Test
    void resetUnbindsForgetsHwidsAndIsLimitedByCooldownAndCount() {
        Fixtures.License l = Fixtures.license(2);
        long customer = l.tenant().customerId();
        String dev = "dev-" + UUID.randomUUID();
        long row = activate(l, dev, "OLD-HW");
        long row2 = activate(l, "dev-" + UUID.randomUUID(), "HW-2");

        reset(customer, "CUSTOMER", Map.of("license_id", l.id())).then().statusCode(200)
                .body("reset_devices", equalTo(2)).body("device_ids", hasSize(2)).body("limited", is(true))
                .body("resets_used", equalTo(1)).body("resets_per_period", equalTo(2)).body("resets_remaining", equalTo(1))
                .body("period_ends_at", notNullValue());
        assertEquals(0, Fixtures.scalarLong("SELECT count(*) FROM device.devices WHERE license_id = ? AND (bound OR hwid_hash IS NOT NULL)", l.id()));
        assertNull(redis.value(String.class).get(RedisKeys.deviceLookup(l.id(), dev)));
        assertEquals(1, Fixtures.events(EventTypes.DEVICE_RESET, row));
        assertEquals(1, Fixtures.events(EventTypes.DEVICE_RESET, row2));
        // The same device id now binds on new hardware.
        given().contentType(ContentType.JSON).body(Map.of("license_key", l.key(), "device_id", dev, "hwid", "NEW-HW"))
                .post("/api/v1/devices/activate").then().statusCode(201);

        given().auth().oauth2(Fixtures.token(customer, "CUSTOMER")).get("/api/v1/devices/reset/allowance").then().statusCode(200)
                .body("limited", is(true)).body("resets_per_period", equalTo(2)).body("resets_used", equalTo(1))
                .body("resets_remaining", equalTo(1)).body("next_reset_at", notNullValue()).body("total_resets", equalTo(1));

        // Second reset within the 1 h cooldown: 429 with when it is allowed.
        Response cooling = reset(customer, "CUSTOMER", Map.of("license_id", l.id()));
        cooling.then().statusCode(429).contentType("application/problem+json").body("code", equalTo("HWID_RESET_COOLDOWN"))
                .body("next_reset_at", notNullValue());
        long retry = Long.parseLong(cooling.header("Retry-After"));
        assertTrue(retry > 3500 && retry <= 3600, "Retry-After " + retry);
        assertEquals(1, Fixtures.scalarLong("SELECT count(*) FROM device.devices WHERE license_id = ? AND bound", l.id()),
                "a refused reset unbinds nothing");

        age(customer, Duration.ofHours(2));
        reset(customer, "CUSTOMER", Map.of("license_id", l.id())).then().statusCode(200).body("resets_used", equalTo(2))
                .body("resets_remaining", equalTo(0));

        activate(l, "dev-" + UUID.randomUUID(), "HW-3");
        age(customer, Duration.ofHours(2));
        Response exhausted = reset(customer, "CUSTOMER", Map.of("license_id", l.id()));
        exhausted.then().statusCode(429).body("code", equalTo("HWID_RESET_LIMIT_REACHED"));
        Instant next = Instant.parse(exhausted.jsonPath().getString("next_reset_at"));
        Instant periodStart = Instant.parse(Fixtures.scalarString(
                "SELECT to_char(period_started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM device.hwid_resets WHERE account_id = ?",
                customer));
        assertEquals(periodStart.plus(Duration.ofDays(30)), next);
        assertTrue(Long.parseLong(exhausted.header("Retry-After")) > Duration.ofDays(29).toSeconds());

        // The seller and admins are not limited.
        reset(l.tenant().sellerId(), "SELLER", Map.of("license_id", l.id())).then().statusCode(200)
                .body("reset_devices", equalTo(1)).body("limited", is(false));
        long admin = Fixtures.account("ADMIN");
        for (int i = 0; i < 3; i++) {
            activate(l, "dev-" + UUID.randomUUID(), "HW-A" + i);
            reset(admin, "ADMIN", Map.of("license_id", l.id())).then().statusCode(200).body("reset_devices", equalTo(1));
        }
    }

    @Test
    void aResetThatUnbindsNothingIsNotCharged() {
        Fixtures.License l = Fixtures.license(2);
        reset(l.tenant().customerId(), "CUSTOMER", Map.of("license_id", l.id())).then().statusCode(200)
                .body("reset_devices", equalTo(0));
        activate(l, "dev-" + UUID.randomUUID(), "HW");
        reset(l.tenant().customerId(), "CUSTOMER", Map.of("license_id", l.id())).then().statusCode(200)
                .body("reset_devices", equalTo(1)).body("resets_used", equalTo(1));
    }

    @Test
    void resetOfChosenDevicesOnly() {
        Fixtures.License l = Fixtures.license(3);
        long keep = activate(l, "dev-" + UUID.randomUUID(), "HW-K");
        long drop = activate(l, "dev-" + UUID.randomUUID(), "HW-D");
        reset(l.tenant().customerId(), "CUSTOMER", Map.of("license_id", l.id(), "device_ids", List.of(drop)))
                .then().statusCode(200).body("reset_devices", equalTo(1)).body("device_ids[0]", equalTo((int) drop));
        assertEquals(1, Fixtures.scalarLong("SELECT count(*) FROM device.devices WHERE id = ? AND bound", keep));
        reset(l.tenant().customerId(), "CUSTOMER", Map.of()).then().statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
    }

    @Test
    void customerDeactivationsUseTheResetAllowance() {
        Fixtures.License l = Fixtures.license(3);
        long customer = l.tenant().customerId();
        long a = activate(l, "dev-" + UUID.randomUUID(), "HW-1");
        long b = activate(l, "dev-" + UUID.randomUUID(), "HW-2");
        given().auth().oauth2(Fixtures.token(customer, "CUSTOMER")).post("/api/v1/devices/" + a + "/deactivate")
                .then().statusCode(200);
        given().auth().oauth2(Fixtures.token(customer, "CUSTOMER")).post("/api/v1/devices/" + b + "/deactivate")
                .then().statusCode(429).body("code", equalTo("HWID_RESET_COOLDOWN"));
        assertEquals(1, Fixtures.scalarLong("SELECT count(*) FROM device.devices WHERE id = ? AND bound", b),
                "a refused deactivation changes nothing");
        assertEquals(0, Fixtures.events(EventTypes.DEVICE_UNBOUND, b));
    }
}
