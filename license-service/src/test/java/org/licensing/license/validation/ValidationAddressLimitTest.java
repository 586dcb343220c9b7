package org.licensing.license.validation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.ratelimit.RateLimiter;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The validate endpoint counts the caller's address inside its own script instead of the rate-limit
 * filter: the address's limit, its block and the X-RateLimit-* headers must hold exactly as they do
 * on every other endpoint, for every kind of request (valid, unknown, malformed key, bad body).
 */
@QuarkusTest
class ValidationAddressLimitTest {

    @Inject
    RedisDataSource redis;

    static ValidatableResponse validateFrom(String ip, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).header("X-Real-IP", ip).body(body)
                .post("/api/v1/licenses/validate").then();
    }

    static String freshAddress() {
        long n = System.nanoTime();
        return "198.18." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    @Test
    void answersCarryTheAddressLimitHeaders() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        String ip = freshAddress();
        redis.key().del(RateLimiter.counterKey(ip, ip, ValidationService.ADDRESS_GROUP));
        validateFrom(ip, Map.of("key", s.key())).statusCode(200).body("code", equalTo("VALID"))
                .header("X-RateLimit-Limit", "1000000").header("X-RateLimit-Remaining", "999999")
                .header("X-RateLimit-Reset", notNullValue());
        validateFrom(ip, Map.of("key", Fixtures.newKey())).statusCode(200).body("code", equalTo("NOT_FOUND"))
                .header("X-RateLimit-Remaining", "999998");
        validateFrom(ip, Map.of("key", "no")).statusCode(200).body("code", equalTo("MALFORMED_KEY"))
                .header("X-RateLimit-Remaining", "999997");
    }

    @Test
    void anAddressOverItsLimitIsRefusedWhateverItSends() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        String ip = freshAddress();
        // the window's count as if the address had sent its whole allowance already
        redis.value(String.class).psetex(RateLimiter.counterKey(ip, ip, ValidationService.ADDRESS_GROUP), 60_000, "1000000");
        for (Map<String, Object> body : java.util.List.<Map<String, Object>>of(Map.of("key", s.key()),
                Map.of("key", "no"), Map.of("product", "no key"))) {
            validateFrom(ip, body).statusCode(429).body("code", equalTo("RATE_LIMITED"))
                    .header("Retry-After", notNullValue()).header("X-RateLimit-Remaining", "0");
        }
        // the key's own counter was not touched by the refused requests: another address still validates it
        validateFrom(freshAddress(), Map.of("key", s.key())).statusCode(200).body("code", equalTo("VALID"));
    }

    @Test
    void aBlockedAddressIsRefusedBeforeAnyLookUp() {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 1, null);
        String ip = freshAddress();
        redis.value(String.class).psetex(RateLimiter.blockKey(ip), 60_000, "1");
        validateFrom(ip, Map.of("key", s.key())).statusCode(429).body("code", equalTo("IP_BLOCKED"))
                .header("Retry-After", notNullValue());
        validateFrom(ip, Map.of("key", "no")).statusCode(429).body("code", equalTo("IP_BLOCKED"));
        redis.key().del(RateLimiter.blockKey(ip));
        validateFrom(ip, Map.of("key", s.key())).statusCode(200).body("code", equalTo("VALID"));
    }
}
