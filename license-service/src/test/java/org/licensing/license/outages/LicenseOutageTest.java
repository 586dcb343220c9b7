package org.licensing.license.outages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.licensing.common.testing.Outages.answersUnavailable;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.common.testing.OutageProfile;
import org.licensing.common.testing.StandaloneRedisOnly;
import org.licensing.common.testing.OutageProxies;
import org.licensing.common.testing.Outages;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * With Redis or PostgreSQL away, a request that needs it answers 503 SERVICE_UNAVAILABLE with
 * Retry-After, quickly; validation of a cached license goes on from Redis while PostgreSQL is
 * away; both come back without a restart.
 */
@QuarkusTest
@StandaloneRedisOnly
@TestProfile(OutageProfile.class)
class LicenseOutageTest {

    private static String adminToken() {
        return given().contentType(ContentType.JSON).body(Map.of("login", "admin", "password", "test-admin-password"))
                .post("/api/v1/auth/sign-in").then().statusCode(200).extract().jsonPath().getString("access_token");
    }

    private static Response validate(Fixtures.Scenario s) {
        return given().contentType(ContentType.JSON).body(Map.of("key", s.key(), "product", s.productCode()))
                .post("/api/v1/licenses/validate");
    }

    @Test
    void postgresAwayReadsAnswer503AndCachedValidationGoesOn() throws Exception {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 2, Instant.now().plus(Duration.ofDays(30)));
        String admin = adminToken();
        validate(s).then().statusCode(200).body("code", equalTo("VALID")); // now cached in Redis
        OutageProxies.without(OutageProxies.postgres, () -> {
            answersUnavailable("GET license", () -> given().auth().oauth2(admin).get("/api/v1/licenses/" + s.license()));
            validate(s).then().statusCode(200).body("code", equalTo("VALID"));
        });
        Outages.eventually(200, () -> given().auth().oauth2(admin).get("/api/v1/licenses/" + s.license()));
    }

    @Test
    void redisAwayAnswers503() throws Exception {
        Fixtures.Scenario s = Fixtures.scenario("{}", "[]", "[]", 2, Instant.now().plus(Duration.ofDays(30)));
        String admin = adminToken();
        OutageProxies.without(OutageProxies.redis, () -> {
            answersUnavailable("GET license", () -> given().auth().oauth2(admin).get("/api/v1/licenses/" + s.license()));
            answersUnavailable("validate", () -> validate(s));
            answersUnavailable("verify_key.php", () -> given().contentType("application/x-www-form-urlencoded")
                    .body("license_key=" + s.key() + "&device_id=pc-1").post("/api/verify_key.php"));
        });
        Outages.eventually(200, () -> validate(s));
    }
}
