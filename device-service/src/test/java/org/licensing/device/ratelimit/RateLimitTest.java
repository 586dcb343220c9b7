package org.licensing.device.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The common rate limiter as every service runs it (issue 4): per client IP and endpoint group,
 * X-RateLimit-* headers, 429 with Retry-After, and an IP that keeps exceeding is blocked for a
 * while, refused with IP_BLOCKED and recorded in the service's ip_rate_limits table.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("licensing.rate-limit.groups.activation.limit", "3",
                    "licensing.rate-limit.groups.activation.window", "60s",
                    "licensing.rate-limit.block.violations", "2",
                    "licensing.rate-limit.block.duration", "60s");
        }
    }

    /** A documentation-range address of its own per run, so runs and other tests do not share counters. */
    private static String freshIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    private static Response activate(String ip) {
        // An incomplete body: answered 400 after the limiter has counted it.
        return given().header("X-Real-IP", ip).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/devices/activate");
    }

    @Test
    void limitsThenBlocksAnAbusiveAddressAndRecordsIt() throws Exception {
        String ip = freshIp();
        for (int i = 1; i <= 3; i++) {
            activate(ip).then().statusCode(400)
                    .header("X-RateLimit-Limit", "3")
                    .header("X-RateLimit-Remaining", String.valueOf(3 - i))
                    .header("X-RateLimit-Reset", notNullValue());
        }
        activate(ip).then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("RATE_LIMITED"))
                .header("Retry-After", notNullValue())
                .header("X-RateLimit-Remaining", "0");
        // The second refusal within the violation window blocks the address.
        activate(ip).then().statusCode(429);
        activate(ip).then().statusCode(429).body("code", equalTo("IP_BLOCKED")).header("Retry-After", notNullValue());

        // Another address is unaffected.
        activate(freshIp()).then().statusCode(400).header("X-RateLimit-Remaining", "2");

        try (Connection c = DriverManager.getConnection(org.licensing.common.testing.TestInfra.JDBC_URL, "licensing", "licensing");
                PreparedStatement ps = c.prepareStatement(
                        "SELECT endpoint, reason, blocked_until > now() FROM device.ip_rate_limits WHERE ip_address = ?")) {
            ps.setString(1, ip);
            try (ResultSet rs = ps.executeQuery()) {
                int rows = 0;
                while (rs.next()) {
                    rows++;
                    assertEquals("activation", rs.getString(1));
                    assertEquals(true, rs.getBoolean(3));
                }
                assertEquals(1, rows, "one block recorded for " + ip);
            }
        }
    }
}
