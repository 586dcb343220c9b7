package org.licensing.license.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.events.StreamConfig;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Validation is anonymous: an oversized or NUL-carrying field is refused with a 400 naming it
 * before any look-up, and nothing of it reaches Redis (no event, no cache entry, no growth).
 */
@QuarkusTest
class ValidationInputLimitsTest {

    @Inject
    RedisDataSource redis;
    @Inject
    StreamConfig streams;

    private long keys() {
        return redis.execute("DBSIZE").toLong();
    }

    private long streamMemory(String stream) {
        var usage = redis.execute("MEMORY", "USAGE", stream, "SAMPLES", "0");
        return usage == null ? 0 : usage.toLong();
    }

    private long usedMemory() {
        String info = redis.execute("INFO", "memory").toString();
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new IllegalStateException("no used_memory in INFO");
    }

    /** A raw form post (no client-side encoding or parsing of what is sent). */
    private static HttpResponse<String> rawPost(String path, String contentType, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oversizedValidationFieldsAreRefusedWithoutRedisGrowth() throws Exception {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 2, Instant.now().plus(Duration.ofDays(30)));
        Map<String, Object> ok = Map.of("key", s.key(), "product", s.productCode());
        // warm up: the rate-limit counter and the license cache exist before we measure
        given().contentType(ContentType.JSON).body(ok).post("/api/v1/licenses/validate").then().statusCode(200);
        // let the warm-up's event reach its stream (the outbox relay publishes after commit)
        Fixtures.eventually(Duration.ofSeconds(20), () -> StreamProbe.eventsOf(redis, streams, s.license(), "license.validated").size() == 1);
        long keysBefore = keys();
        long memoryBefore = usedMemory();
        String stream = streams.validationsPartition("license:" + s.license());
        long streamBefore = streamMemory(stream);
        String big = "d".repeat(500_000);
        // (a body "ip" is no longer read at all: IP restrictions use the connection's address)
        for (String field : new String[] { "domain", "product", "key", "device_id", "certificate_id" }) {
            Map<String, Object> body = new HashMap<>(ok);
            body.put(field, big);
            given().contentType(ContentType.JSON).body(body).post("/api/v1/licenses/validate").then()
                    .statusCode(400).contentType("application/problem+json")
                    .body("code", equalTo("VALIDATION_FAILED")).body("errors[0].field", equalTo(field));
        }
        for (int i = 0; i < 20; i++) {
            Map<String, Object> body = new HashMap<>(ok);
            body.put("domain", big);
            given().contentType(ContentType.JSON).body(body).post("/api/v1/licenses/validate").then().statusCode(400);
        }
        Map<String, Object> nul = new HashMap<>(ok);
        nul.put("domain", "example.com\u0000");
        given().contentType(ContentType.JSON).body(nul).post("/api/v1/licenses/validate").then()
                .statusCode(400).body("errors[0].field", equalTo("domain"));
        Thread.sleep(3000); // an event, had one been written, would have been relayed by now
        assertEquals(1, StreamProbe.eventsOf(redis, streams, s.license(), "license.validated").size(),
                "refused validations add no event");
        // a rate-limit window may roll over meanwhile (one counter key); nothing of the payloads stays
        assertTrue(keys() - keysBefore <= 2, "keys " + keysBefore + " -> " + keys());
        assertTrue(usedMemory() - memoryBefore < 1_000_000, "25 refusals of 500 KB fields must not grow Redis: "
                + memoryBefore + " -> " + usedMemory());
        // Streams are no longer capped (only what every consumer group acknowledged is trimmed, and no
        // group reads here), so the stream holds the whole suite's events: measure what these requests
        // added to the license's partition, exactly (SAMPLES 0), not its absolute size.
        long streamAfter = streamMemory(stream);
        assertTrue(streamAfter - streamBefore < 500_000, "no 500 KB domain in the event stream: " + streamBefore + " -> "
                + streamAfter);
    }

    @Test
    void legacyVerifyKeyRefusesNulAndBadEncodingWithAProblem() throws Exception {
        String form = "application/x-www-form-urlencoded";
        HttpResponse<String> nul = rawPost("/api/verify_key.php", form, "license_key=%00&device_id=pc");
        assertEquals(400, nul.statusCode(), nul.body());
        assertTrue(nul.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(nul.body().contains("\"field\":\"license_key\""), nul.body());
        HttpResponse<String> pct = rawPost("/api/verify_key.php", form, "license_key=%ZZ%&device_id=%E0%A4%A");
        assertEquals(400, pct.statusCode(), pct.body());
        assertTrue(pct.body().contains("\"code\":\"MALFORMED_FORM\""), pct.body());
        HttpResponse<String> big = rawPost("/api/verify_key.php", form, "license_key=" + "A".repeat(100_000) + "&device_id=x");
        assertEquals(413, big.statusCode(), big.body());
        assertTrue(big.body().contains("\"code\":\"BODY_TOO_LARGE\""), big.body());
        HttpResponse<String> truncated = rawPost("/api/verify_key.php", "multipart/form-data; boundary=XYZ",
                "--XYZ\r\nContent-Disposition: form-data; name=\"license_key\"\r\n\r\nabc");
        assertEquals(400, truncated.statusCode(), truncated.body());
        assertTrue(truncated.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        // multipart is accepted like PHP's $_POST: a well-formed one reaches the legacy answer
        given().multiPart("license_key", "no").multiPart("device_id", "pc").post("/api/verify_key.php").then()
                .statusCode(200).body("status", equalTo("error"));
    }

    @Test
    void nulInQueryValuesIsRefusedNamingTheParameter() {
        Map<String, Object> admin = Map.of("login", "admin", "password", "test-admin-password");
        String token = given().contentType(ContentType.JSON).body(admin).post("/api/v1/auth/sign-in").then().statusCode(200)
                .extract().jsonPath().getString("access_token");
        given().auth().oauth2(token).urlEncodingEnabled(false).get("/api/v1/licenses?status=%00").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        given().auth().oauth2(token).urlEncodingEnabled(false).get("/api/v1/licenses/%00").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("path"));
    }
}
