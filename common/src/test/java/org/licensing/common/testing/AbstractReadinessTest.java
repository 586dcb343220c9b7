package org.licensing.common.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * Every service: ready while PostgreSQL and Redis answer, DOWN (503) within 10 s of Redis going
 * away, UP again when it returns, without a restart. Subclass it with
 * {@code @QuarkusTest @TestProfile(RedisProxyProfile.class)}.
 */
public abstract class AbstractReadinessTest {

    @Test
    void readinessFollowsRedis() throws Exception {
        given().when().get("/q/health/live").then().statusCode(200);
        awaitReadiness(200, Duration.ofSeconds(10));

        RedisProxyResource.proxy.cut();
        Instant cut = Instant.now();
        awaitReadiness(503, Duration.ofSeconds(10));
        org.junit.jupiter.api.Assertions.assertTrue(Duration.between(cut, Instant.now()).toSeconds() < 10);
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));

        RedisProxyResource.proxy.open();
        awaitReadiness(200, Duration.ofSeconds(15));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    private static void awaitReadiness(int status, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        int last = -1;
        while (Instant.now().isBefore(deadline)) {
            last = given().when().get("/q/health/ready").then().extract().statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("readiness stayed " + last + ", expected " + status + " within " + within);
    }
}
