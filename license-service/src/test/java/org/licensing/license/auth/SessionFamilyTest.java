package org.licensing.license.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Signed-in sessions as refresh-token families: reuse detection, the list, ending one, ending all. */
@QuarkusTest
class SessionFamilyTest {

    static JsonPath signIn(Party p, String agent, String ip) {
        return given().contentType(ContentType.JSON).header("User-Agent", agent).header("X-Real-IP", ip)
                .body(Map.of("login", p.username(), "password", p.password())).post("/api/v1/auth/sign-in")
                .then().statusCode(200).extract().jsonPath();
    }

    static io.restassured.response.Response refresh(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("refresh_token", token)).post("/api/v1/auth/refresh");
    }

    @Test
    void reusingARotatedRefreshTokenEndsTheWholeFamily() {
        Party c = TestParties.customer();
        JsonPath first = signIn(c, "family-test", "198.51.100.40");
        JsonPath second = refresh(first.getString("refresh_token")).then().statusCode(200).extract().jsonPath();
        given().auth().oauth2(second.getString("access_token")).get("/api/v1/accounts/me").then().statusCode(200);
        // The rotated token comes back (stolen, or replayed): refused, and the family is over.
        refresh(first.getString("refresh_token")).then().statusCode(401).body("code", equalTo("INVALID_REFRESH_TOKEN"));
        refresh(second.getString("refresh_token")).then().statusCode(401);
        given().auth().oauth2(second.getString("access_token")).get("/api/v1/accounts/me").then().statusCode(401);
        given().auth().oauth2(first.getString("access_token")).get("/api/v1/accounts/me").then().statusCode(401);
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'auth.refresh_reuse'"
                + " AND payload::jsonb ->> 'account_id' = ?", Long.toString(c.id())));
        // Other sessions of the account are not affected.
        c.as().get("/api/v1/accounts/me").then().statusCode(200);
    }

    @Test
    void sessionsAreListedAndEndedOneByOne() {
        Party c = TestParties.customer();
        JsonPath laptop = signIn(c, "laptop-browser/1.0", "198.51.100.41");
        JsonPath phone = signIn(c, "phone-app/2.0", "198.51.100.42");
        JsonPath list = given().auth().oauth2(laptop.getString("access_token")).get("/api/v1/accounts/me/sessions")
                .then().statusCode(200).body("items.user_agent", hasItem("phone-app/2.0"))
                .body("items.ip_address", hasItem("198.51.100.41")).body("items[0].created_at", notNullValue())
                .body("items[0].last_used_at", notNullValue()).extract().jsonPath();
        assertEquals(3, list.getList("items").size()); // registration, laptop, phone
        List<Map<String, Object>> items = list.getList("items");
        assertEquals(1, items.stream().filter(m -> Boolean.TRUE.equals(m.get("current"))).count());
        String phoneId = items.stream().filter(m -> "phone-app/2.0".equals(m.get("user_agent"))).findFirst().orElseThrow()
                .get("id").toString();
        given().auth().oauth2(laptop.getString("access_token")).delete("/api/v1/accounts/me/sessions/" + phoneId).then().statusCode(204);
        given().auth().oauth2(phone.getString("access_token")).get("/api/v1/accounts/me").then().statusCode(401);
        refresh(phone.getString("refresh_token")).then().statusCode(401);
        given().auth().oauth2(laptop.getString("access_token")).delete("/api/v1/accounts/me/sessions/" + phoneId).then().statusCode(404)
                .body("code", equalTo("SESSION_NOT_FOUND"));
        // Someone else's session is not found either.
        Party other = TestParties.customer();
        String otherId = given().auth().oauth2(other.token()).get("/api/v1/accounts/me/sessions").then().extract().path("items[0].id");
        given().auth().oauth2(laptop.getString("access_token")).delete("/api/v1/accounts/me/sessions/" + otherId).then().statusCode(404);
        given().auth().oauth2(laptop.getString("access_token")).get("/api/v1/accounts/me/sessions").then().statusCode(200)
                .body("items.size()", equalTo(2));
    }

    @Test
    void signOutEverywhereEndsEverySession() {
        Party c = TestParties.customer();
        JsonPath a = signIn(c, "a", "198.51.100.43");
        JsonPath b = signIn(c, "b", "198.51.100.44");
        given().auth().oauth2(a.getString("access_token")).post("/api/v1/auth/sign-out-everywhere").then().statusCode(204)
                .header("X-Sessions-Ended", "3");
        for (JsonPath s : List.of(a, b)) {
            given().auth().oauth2(s.getString("access_token")).get("/api/v1/accounts/me").then().statusCode(401);
            refresh(s.getString("refresh_token")).then().statusCode(401);
        }
        c.as().get("/api/v1/accounts/me").then().statusCode(401);
        refresh(c.refreshToken()).then().statusCode(401);
        signIn(c, "c", "198.51.100.45");
    }
}
