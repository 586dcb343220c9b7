package org.licensing.license.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The browser mode of the refresh token: an HttpOnly cookie on the refresh path instead of a body field. */
@QuarkusTest
class RefreshCookieTest {

    @ConfigProperty(name = "licensing.auth.refresh-token-ttl")
    java.time.Duration refreshTtl;

    private Response cookieSignIn(Party p) {
        return given().contentType(ContentType.JSON).header("X-Refresh-Mode", "cookie")
                .body(Map.of("login", p.username(), "password", p.password())).post("/api/v1/auth/sign-in");
    }

    private static String cookieValue(Response r) {
        String header = r.getHeader("Set-Cookie");
        assertNotNull(header, "a Set-Cookie header");
        assertTrue(header.startsWith("lm_refresh="), header);
        return header.substring("lm_refresh=".length(), header.indexOf(';'));
    }

    @Test
    void signInInCookieModeSetsTheCookieAndOmitsTheBodyField() {
        Party c = TestParties.customer();
        Response r = cookieSignIn(c);
        r.then().statusCode(200).body("access_token", notNullValue()).body("$", not(hasKey("refresh_token")))
                .body("refresh_expires_in", equalTo((int) refreshTtl.toSeconds()));
        assertEquals("lm_refresh=" + cookieValue(r) + "; Path=/api/v1/auth/refresh; Max-Age=" + refreshTtl.toSeconds()
                + "; HttpOnly; Secure; SameSite=Strict", r.getHeader("Set-Cookie"));
        // Body mode is unchanged: the token in the body, no cookie.
        Response body = given().contentType(ContentType.JSON).body(Map.of("login", c.username(), "password", c.password()))
                .post("/api/v1/auth/sign-in");
        body.then().statusCode(200).body("refresh_token", notNullValue());
        assertEquals(null, body.getHeader("Set-Cookie"));
    }

    @Test
    void refreshReadsTheCookieRotatesItAndRefusesTheOldOne() {
        Party c = TestParties.customer();
        String first = cookieValue(cookieSignIn(c));
        // No body at all.
        Response r = given().cookie("lm_refresh", first).post("/api/v1/auth/refresh");
        r.then().statusCode(200).body("access_token", notNullValue()).body("$", not(hasKey("refresh_token")));
        String second = cookieValue(r);
        assertNotEquals(first, second);
        given().auth().oauth2(r.jsonPath().getString("access_token")).get("/api/v1/accounts/me").then().statusCode(200)
                .body("username", equalTo(c.username()));
        // An empty JSON object, with the rotated cookie.
        Response third = given().contentType(ContentType.JSON).body("{}").cookie("lm_refresh", second).post("/api/v1/auth/refresh");
        third.then().statusCode(200);
        cookieValue(third);
        // The consumed cookie is dead.
        given().cookie("lm_refresh", first).post("/api/v1/auth/refresh").then().statusCode(401)
                .body("code", equalTo("INVALID_REFRESH_TOKEN"));
        // Neither a body token nor a cookie: the field is named.
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/auth/refresh").then().statusCode(400)
                .body("errors[0].field", equalTo("refresh_token"));
    }

    @Test
    void bodyModeRefreshWithTheHeaderAnswersWithACookie() {
        Party c = TestParties.customer();
        Response r = given().contentType(ContentType.JSON).header("X-Refresh-Mode", "cookie")
                .body(Map.of("refresh_token", c.refreshToken())).post("/api/v1/auth/refresh");
        r.then().statusCode(200).body("$", not(hasKey("refresh_token")));
        given().cookie("lm_refresh", cookieValue(r)).post("/api/v1/auth/refresh").then().statusCode(200);
    }

    @Test
    void deleteRefreshRevokesTheCookieTokenAndTheAccessTokenAndClearsTheCookie() {
        Party c = TestParties.customer();
        Response in = cookieSignIn(c);
        String access = in.jsonPath().getString("access_token");
        String refresh = cookieValue(in);
        given().auth().oauth2(access).get("/api/v1/accounts/me").then().statusCode(200);
        given().auth().oauth2(access).cookie("lm_refresh", refresh).delete("/api/v1/auth/refresh").then().statusCode(204)
                .header("Set-Cookie", equalTo("lm_refresh=; Path=/api/v1/auth/refresh; Max-Age=0; HttpOnly; Secure; SameSite=Strict"));
        given().auth().oauth2(access).get("/api/v1/accounts/me").then().statusCode(401);
        given().cookie("lm_refresh", refresh).post("/api/v1/auth/refresh").then().statusCode(401);
        // Without a bearer token and without a cookie it still answers 204 and clears the cookie.
        given().delete("/api/v1/auth/refresh").then().statusCode(204).header("Set-Cookie", containsString("Max-Age=0"));
    }

    @Test
    void anotherAccountsBearerDoesNotRevokeSomeoneElsesCookieButTheCookieAloneDoes() {
        Party a = TestParties.customer();
        Party b = TestParties.customer();
        String refresh = cookieValue(cookieSignIn(a));
        given().cookie("lm_refresh", refresh).delete("/api/v1/auth/refresh").then().statusCode(204);
        given().cookie("lm_refresh", refresh).post("/api/v1/auth/refresh").then().statusCode(401);
        String other = cookieValue(cookieSignIn(a));
        given().auth().oauth2(b.token()).cookie("lm_refresh", other).delete("/api/v1/auth/refresh").then().statusCode(204);
        given().cookie("lm_refresh", other).post("/api/v1/auth/refresh").then().statusCode(200);
        given().auth().oauth2(b.token()).get("/api/v1/accounts/me").then().statusCode(401);
    }
}
