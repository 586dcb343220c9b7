package org.licensing.license.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class AuthFlowTest {

    @Test
    void registerSignInByUsernameOrEmailAndSeeOwnAccount() {
        Party c = TestParties.customer();
        c.as().get("/api/v1/accounts/me").then().statusCode(200)
                .body("username", equalTo(c.username()))
                .body("role", equalTo("CUSTOMER"))
                .body("password_hash", equalTo(null))
                .body("last_login_at", notNullValue());
        for (String login : new String[] { c.username(), c.email().toUpperCase() }) {
            given().contentType(ContentType.JSON).header("User-Agent", "auth-test/1.0").header("X-Real-IP", "198.51.100.7")
                    .body(Map.of("login", login, "password", c.password()))
                    .post("/api/v1/auth/sign-in").then().statusCode(200)
                    .body("access_token", notNullValue()).body("token_type", equalTo("Bearer"))
                    .body("account.last_ip_address", equalTo("198.51.100.7"))
                    .body("account.last_user_agent", equalTo("auth-test/1.0"));
        }
    }

    @Test
    void wrongPasswordIs401AndRegistrationRulesAreEnforced() {
        Party c = TestParties.customer();
        given().contentType(ContentType.JSON).header("X-Real-IP", "100.64." + (int) (Math.random() * 256) + "." + (1 + (int) (Math.random() * 250)))
                .body(Map.of("login", c.username(), "password", "wrong-password"))
                .post("/api/v1/auth/sign-in").then().statusCode(401).body("code", equalTo("INVALID_CREDENTIALS"));
        // Duplicate username, missing seller name, admin self-registration, short password.
        given().contentType(ContentType.JSON).body(Map.of("username", c.username(), "email", "x" + c.email(), "password", "long-enough-1"))
                .post("/api/v1/auth/register").then().statusCode(409).body("code", equalTo("USERNAME_TAKEN"));
        given().contentType(ContentType.JSON).body(Map.of("username", "n" + c.username(), "email", c.email(), "password", "long-enough-1"))
                .post("/api/v1/auth/register").then().statusCode(409).body("code", equalTo("EMAIL_TAKEN"));
        given().contentType(ContentType.JSON).body(Map.of("username", "s" + c.username(), "email", "s" + c.email(),
                "password", "long-enough-1", "role", "SELLER"))
                .post("/api/v1/auth/register").then().statusCode(400).body("errors[0].field", equalTo("seller_name"));
        given().contentType(ContentType.JSON).body(Map.of("username", "a" + c.username(), "email", "a" + c.email(),
                "password", "long-enough-1", "role", "ADMIN"))
                .post("/api/v1/auth/register").then().statusCode(400).body("errors[0].field", equalTo("role"));
        given().contentType(ContentType.JSON).body(Map.of("username", "p" + c.username(), "email", "p" + c.email(), "password", "short"))
                .post("/api/v1/auth/register").then().statusCode(400).body("errors[0].field", equalTo("password"));
        Party s = TestParties.seller();
        given().contentType(ContentType.JSON).body(Map.of("username", "d" + s.username(), "email", "d" + s.email(),
                "password", "long-enough-1", "role", "SELLER", "seller_name", s.sellerName()))
                .post("/api/v1/auth/register").then().statusCode(409).body("code", equalTo("SELLER_NAME_TAKEN"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        given().contentType(ContentType.JSON).body("{bad").post("/api/v1/auth/register").then().statusCode(400)
                .contentType("application/problem+json").body("code", equalTo("MALFORMED_JSON"));
    }

    @Test
    void refreshTokensRotateAndCannotBeReused() {
        Party c = TestParties.customer();
        var first = given().contentType(ContentType.JSON).body(Map.of("refresh_token", c.refreshToken()))
                .post("/api/v1/auth/refresh").then().statusCode(200).extract().jsonPath();
        String newAccess = first.getString("access_token");
        given().auth().oauth2(newAccess).get("/api/v1/accounts/me").then().statusCode(200);
        // The new one works once; the used refresh token is dead.
        var second = given().contentType(ContentType.JSON).body(Map.of("refresh_token", first.getString("refresh_token")))
                .post("/api/v1/auth/refresh").then().statusCode(200).extract().jsonPath();
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", c.refreshToken()))
                .post("/api/v1/auth/refresh").then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
        // Issue 17: presenting a used one again ends its whole family, so the latest one is dead too.
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", second.getString("refresh_token")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        // An access token is not a refresh token, and a refresh token is not an access token.
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", newAccess))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        given().auth().oauth2(first.getString("refresh_token")).get("/api/v1/accounts/me").then().statusCode(401);
    }

    @Test
    void signOutRevokesTheAccessAndRefreshToken() {
        Party c = TestParties.customer();
        c.as().get("/api/v1/accounts/me").then().statusCode(200);
        c.as().body(Map.of("refresh_token", c.refreshToken())).post("/api/v1/auth/sign-out").then().statusCode(204);
        c.as().get("/api/v1/accounts/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", c.refreshToken()))
                .post("/api/v1/auth/refresh").then().statusCode(401);
    }

    @Test
    void failedSignInsAreThrottledPerAccountWithRetryAfter() {
        Party c = TestParties.customer();
        String ip = "172." + (16 + (int) (Math.random() * 16)) + "." + (int) (Math.random() * 256) + "." + (1 + (int) (Math.random() * 250));
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON).header("X-Real-IP", ip)
                    .body(Map.of("login", c.username(), "password", "wrong-" + i))
                    .post("/api/v1/auth/sign-in").then().statusCode(401);
        }
        var r = given().contentType(ContentType.JSON).header("X-Real-IP", ip)
                .body(Map.of("login", c.username(), "password", c.password()))
                .post("/api/v1/auth/sign-in");
        r.then().statusCode(429).body("code", equalTo("TOO_MANY_FAILED_SIGN_INS")).header("Retry-After", notNullValue());
        // Another account from another address is not affected.
        Party other = TestParties.customer();
        given().contentType(ContentType.JSON).header("X-Real-IP", "192.0.2.254").body(Map.of("login", other.username(), "password", other.password()))
                .post("/api/v1/auth/sign-in").then().statusCode(200);
    }

    @Test
    void failedSignInsAreThrottledPerIp() {
        String ip = "10." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "." + (int) (1 + Math.random() * 250);
        int refused = 0;
        for (int i = 0; i < 21; i++) {
            int status = given().contentType(ContentType.JSON).header("X-Real-IP", ip)
                    .body(Map.of("login", "nobody-" + TestParties.random(8).toLowerCase(), "password", "whatever-1"))
                    .post("/api/v1/auth/sign-in").statusCode();
            if (status == 429) {
                refused++;
            }
        }
        assertEquals(1, refused, "the 21st failure from one IP within the window is refused");
    }
}
