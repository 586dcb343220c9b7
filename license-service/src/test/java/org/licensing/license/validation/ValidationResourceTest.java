package org.licensing.license.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.StreamConfig;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.redis.RedisKeys;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ValidationResourceTest {

    @Inject
    LicenseSnapshots snapshots;
    @Inject
    RedisDataSource redis;
    @Inject
    StreamConfig streams;

    static ValidatableResponse validate(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/api/v1/licenses/validate").then();
    }

    static ValidatableResponse verdict(Map<String, Object> body, String code, boolean valid) {
        return validate(body).statusCode(200).body("code", equalTo(code)).body("valid", equalTo(valid));
    }

    @Test
    void validLicenseWithBoundDeviceAnswersLimitsAndEmitsAnEvent() {
        Fixtures.Scenario s = Fixtures.scenario("{\"api_calls_per_day\": 1000}", "[]", "[]", 2, Instant.now().plus(Duration.ofDays(30)));
        long device = Fixtures.device(s.license(), "dev-" + Fixtures.unique(), true, false);
        String clientId = Fixtures.queryString("SELECT device_id FROM device.devices WHERE id = ?", device);
        verdict(Map.of("key", s.key(), "product", s.productCode(), "device_id", clientId), "VALID", true)
                .body("license_id", equalTo((int) s.license()))
                .body("status", equalTo("ACTIVE"))
                .body("expires_at", notNullValue())
                .body("device_row_id", equalTo((int) device))
                .body("limits.max_devices", equalTo(2))
                .body("limits.api_calls_per_day", equalTo(1000))
                .body("usage.api_calls_per_day", equalTo(0));
        // by device row id too
        verdict(Map.of("key", s.key(), "device_row_id", device), "VALID", true);
        Fixtures.eventually(Duration.ofSeconds(5), () -> !StreamProbe.eventsOf(redis, streams, s.license(), "license.validated").isEmpty());
        var event = StreamProbe.eventsOf(redis, streams, s.license(), "license.validated").get(0);
        assertEquals("VALID", event.getJsonObject("data").getString("code"));
        assertEquals(Long.toString(device), event.getString("device_id"));
    }

    @Test
    void unknownAndMalformedKeys() {
        verdict(Map.of("key", Fixtures.newKey()), "NOT_FOUND", false);
        verdict(Map.of("key", "ACME-BASIC-AAAAA-GGGGG-AAAAA-AAAAA-AAAAA"), "MALFORMED_KEY", false);
        verdict(Map.of("key", "no"), "MALFORMED_KEY", false);
    }

    @Test
    void badRequestsAre400() {
        validate(Map.of("product", "X")).statusCode(400).body("code", equalTo("VALIDATION_FAILED"));
        validate(Map.of("key", Fixtures.newKey(), "certificate_id", "not-a-uuid")).statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo("certificate_id"));
    }

    @Test
    void statusChangeIsVisibleOnTheNextCall() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        verdict(Map.of("key", s.key()), "VALID", true);
        for (String[] st : new String[][] { { "SUSPENDED", "SUSPENDED" }, { "REVOKED", "REVOKED" }, { "UPGRADED", "UPGRADED" },
                { "EXPIRED", "EXPIRED" }, { "UNUSED", "NOT_ACTIVATED" } }) {
            Fixtures.execute("UPDATE license.licenses SET status = ? WHERE id = ?", st[0], s.license());
            snapshots.evict(s.license()).await().indefinitely(); // what part 1 does after every change
            verdict(Map.of("key", s.key()), st[1], false).body("status", equalTo(st[0]));
        }
    }

    @Test
    void hotPathReadsTheCachedSnapshotNotPostgres() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        verdict(Map.of("key", s.key()), "VALID", true); // warms the cache
        // a row change nobody announced is not seen: the answer came from Redis
        Fixtures.execute("UPDATE license.licenses SET status = 'REVOKED' WHERE id = ?", s.license());
        verdict(Map.of("key", s.key()), "VALID", true);
        // what part 1 does after a change: store the new snapshot; the next call sees it
        var cached = snapshots.byId(s.license()).await().indefinitely();
        snapshots.store(cached.withStatus("SUSPENDED")).await().indefinitely();
        verdict(Map.of("key", s.key()), "SUSPENDED", false);
        snapshots.evict(s.license()).await().indefinitely();
        verdict(Map.of("key", s.key()), "REVOKED", false);
    }

    @Test
    void expiredByDateAndProductMismatch() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, Instant.now().minusSeconds(5));
        verdict(Map.of("key", s.key()), "EXPIRED", false);
        Fixtures.Scenario t = Fixtures.scenario("{}", "[]", "[]", 1, null);
        verdict(Map.of("key", t.key(), "product", "OTHER"), "PRODUCT_MISMATCH", false);
        verdict(Map.of("key", t.key(), "product", Long.toString(t.product())), "VALID", true);
    }

    @Test
    void domainRestrictions() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[\"shop.test\", \"*.example.test\"]", "[]", 1, null);
        verdict(Map.of("key", s.key(), "domain", "shop.test"), "VALID", true);
        verdict(Map.of("key", s.key(), "domain", "eu.example.test"), "VALID", true);
        verdict(Map.of("key", s.key(), "domain", "example.test"), "DOMAIN_NOT_ALLOWED", false);
        verdict(Map.of("key", s.key()), "DOMAIN_NOT_ALLOWED", false);
    }

    static ValidatableResponse validateFrom(String clientIp, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("X-Real-IP", clientIp).body(body)
                .post("/api/v1/licenses/validate").then();
    }

    @Test
    void ipRestrictionsUseTheCallersAddressNeverABodyField() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[\"203.0.113.0/24\", \"2001:db8::/32\"]", 1, null);
        validateFrom("203.0.113.9", Map.of("key", s.key())).statusCode(200).body("code", equalTo("VALID"));
        validateFrom("2001:db8::5", Map.of("key", s.key())).statusCode(200).body("code", equalTo("VALID"));
        validateFrom("198.51.100.1", Map.of("key", s.key())).statusCode(200).body("code", equalTo("IP_NOT_ALLOWED"));
        // a body "ip" claims nothing: the request still comes from 127.0.0.1 (or from 198.51.100.1)
        verdict(Map.of("key", s.key(), "ip", "203.0.113.9"), "IP_NOT_ALLOWED", false);
        validateFrom("198.51.100.1", Map.of("key", s.key(), "ip", "203.0.113.9")).statusCode(200)
                .body("code", equalTo("IP_NOT_ALLOWED"));
        verdict(Map.of("key", s.key()), "IP_NOT_ALLOWED", false); // the test client is 127.0.0.1
    }

    @Test
    void devices() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 3, null);
        verdict(Map.of("key", s.key(), "device_id", "never-seen"), "DEVICE_NOT_ACTIVATED", false);
        long unbound = Fixtures.device(s.license(), "gone-" + Fixtures.unique(), false, false);
        verdict(Map.of("key", s.key(), "device_row_id", unbound), "DEVICE_NOT_ACTIVATED", false);
        String blockedId = "blk-" + Fixtures.unique();
        long blocked = Fixtures.device(s.license(), blockedId, true, true);
        verdict(Map.of("key", s.key(), "device_id", blockedId), "DEVICE_BLOCKED", false);
        verdict(Map.of("key", s.key(), "device_row_id", blocked), "DEVICE_BLOCKED", false);
        // device-service's Redis flags are honoured without PostgreSQL
        String cachedId = "red-" + Fixtures.unique();
        long cached = Fixtures.device(s.license(), cachedId, true, false);
        redis.value(String.class).set(RedisKeys.deviceLookup(s.license(), cachedId), Long.toString(cached));
        verdict(Map.of("key", s.key(), "device_id", cachedId), "VALID", true);
        redis.value(String.class).setex(RedisKeys.deviceBlocked(cached), 60, "test");
        verdict(Map.of("key", s.key(), "device_id", cachedId), "DEVICE_BLOCKED", false);
        // a device of another license is not this license's device
        Fixtures.Scenario other = Fixtures.scenario("{}", "[]", "[]", 1, null);
        long foreign = Fixtures.device(other.license(), "f-" + Fixtures.unique(), true, false);
        verdict(Map.of("key", s.key(), "device_row_id", foreign), "DEVICE_NOT_ACTIVATED", false);
        // nor does another license's blocked device leak its state (PostgreSQL row or Redis flag)
        long foreignBlocked = Fixtures.device(other.license(), "fb-" + Fixtures.unique(), true, true);
        verdict(Map.of("key", s.key(), "device_row_id", foreignBlocked), "DEVICE_NOT_ACTIVATED", false);
        redis.value(String.class).setex(RedisKeys.deviceBlocked(foreign), 60, "test");
        verdict(Map.of("key", s.key(), "device_row_id", foreign), "DEVICE_NOT_ACTIVATED", false)
                .body("device_row_id", org.hamcrest.Matchers.nullValue());
        verdict(Map.of("key", other.key(), "device_row_id", foreign), "DEVICE_BLOCKED", false);
    }

    @Test
    void usageLimitReached() {
        Fixtures.Scenario s = Fixtures.scenario("{\"api_calls_per_minute\": 2}", "[]", "[]", 1, null);
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(Map.of("key", s.key(), "metric", "api_calls"))
                    .post("/api/v1/licenses/usage").then().statusCode(200);
        }
        verdict(Map.of("key", s.key()), "USAGE_LIMIT_EXCEEDED", false).body("usage.api_calls_per_minute", equalTo(2));
    }

    @Test
    void rateLimitedPerKey() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        // %test allows 20 validations of one key per minute
        for (int i = 0; i < 20; i++) {
            validate(Map.of("key", s.key())).statusCode(200);
        }
        validate(Map.of("key", s.key())).statusCode(429).header("Retry-After", notNullValue())
                .body("code", equalTo("RATE_LIMITED"));
        // another key is not affected
        verdict(Map.of("key", Fixtures.newKey()), "NOT_FOUND", false);
        // nor is the same key from other addresses: the limit is per key AND client address
        for (int i = 0; i < 3; i++) {
            validateFrom("198.51.100." + (10 + i), Map.of("key", s.key())).statusCode(200).body("code", equalTo("VALID"));
        }
        validate(Map.of("key", s.key())).statusCode(429);
        assertFalse(s.key().isEmpty());
    }
}
