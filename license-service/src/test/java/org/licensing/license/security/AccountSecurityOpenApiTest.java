package org.licensing.license.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Every account-security route is described in /q/openapi. */
@QuarkusTest
class AccountSecurityOpenApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyRouteIsInOpenApi() {
        Map<String, Map<String, Object>> paths = given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath().getMap("paths");
        String[][] routes = {
                { "/api/v1/auth/sign-in", "post" }, { "/api/v1/auth/sign-in/2fa", "post" }, { "/api/v1/auth/refresh", "post" },
                { "/api/v1/auth/refresh", "delete" }, { "/api/v1/auth/sign-out-everywhere", "post" },
                { "/api/v1/auth/password-reset", "post" }, { "/api/v1/auth/password-reset/confirm", "post" },
                { "/api/v1/auth/verify-email", "post" }, { "/api/v1/auth/verify-email/resend", "post" },
                { "/api/v1/accounts/me/password", "post" }, { "/api/v1/accounts/me/2fa", "post" },
                { "/api/v1/accounts/me/2fa", "delete" }, { "/api/v1/accounts/me/2fa/confirm", "post" },
                { "/api/v1/accounts/me/sessions", "get" }, { "/api/v1/accounts/me/sessions/{id}", "delete" },
                { "/api/v1/accounts/{id}/2fa", "delete" } };
        for (String[] r : routes) {
            Map<String, Object> ops = paths.get(r[0]);
            assertTrue(ops != null && ops.containsKey(r[1]), r[1].toUpperCase() + " " + r[0] + " missing from OpenAPI: " + paths.keySet());
            Map<String, Object> op = (Map<String, Object>) ops.get(r[1]);
            assertTrue(op.get("summary") != null, "no summary for " + r[1] + " " + r[0]);
        }
    }
}
