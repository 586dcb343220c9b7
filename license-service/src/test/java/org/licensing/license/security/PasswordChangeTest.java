package org.licensing.license.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.license.Maildir;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class PasswordChangeTest {

    @Inject
    AccountService accounts;

    static Response signIn(String login, String password) {
        return given().contentType(ContentType.JSON).header("User-Agent", "password-test/2.0")
                .body(Map.of("login", login, "password", password)).post("/api/v1/auth/sign-in");
    }

    @Test
    void changeEndsTheOtherSessionsKeepsThisOneAndSendsANotice() {
        Party c = TestParties.customer();
        Response other = signIn(c.username(), c.password());
        other.then().statusCode(200);
        String next = "a-much-better-" + TestParties.random(6);

        // Wrong current password, a too short, a common and an unchanged new one are refused, naming the field.
        c.as().body(Map.of("current_password", "wrong-password", "new_password", next)).post("/api/v1/accounts/me/password")
                .then().statusCode(403).body("code", equalTo("INVALID_CURRENT_PASSWORD"));
        for (String bad : new String[] { "short-pw", "password1234", "Qwertyuiop123", c.password(), "é".repeat(40) }) {
            c.as().body(Map.of("current_password", c.password(), "new_password", bad)).post("/api/v1/accounts/me/password")
                    .then().statusCode(400).body("errors[0].field", equalTo("new_password"));
        }

        Response changed = c.as().body(Map.of("current_password", c.password(), "new_password", next))
                .post("/api/v1/accounts/me/password");
        changed.then().statusCode(200).body("access_token", notNullValue()).body("refresh_token", notNullValue());
        // The other session is over: its access token is refused everywhere and its refresh token is dead.
        given().auth().oauth2(other.jsonPath().getString("access_token")).get("/api/v1/accounts/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", other.jsonPath().getString("refresh_token")))
                .post("/api/v1/auth/refresh").then().statusCode(401);
        // This session goes on with the answered tokens.
        given().auth().oauth2(changed.jsonPath().getString("access_token")).get("/api/v1/accounts/me").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", changed.jsonPath().getString("refresh_token")))
                .post("/api/v1/auth/refresh").then().statusCode(200);
        signIn(c.username(), c.password()).then().statusCode(401);
        signIn(c.username(), next).then().statusCode(200);
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'account.password_changed'"
                + " AND payload::jsonb ->> \'account_id\' = ?", Long.toString(c.id())));
        assertTrue(Maildir.await(c.email(), 2, Duration.ofSeconds(20)).stream()
                .anyMatch(m -> m.subject().equals("Your password was changed") && m.html() != null && m.text().contains("changed")));
    }

    @Test
    void bootstrapAdminWithoutASuppliedPasswordMustChangeItFirst() {
        String name = "boot" + TestParties.random(8).toLowerCase();
        assertTrue(accounts.ensureAdmin(name, name + "@example.test", Optional.empty()).await().atMost(Duration.ofSeconds(30)));
        Response in = signIn(name, AccountService.DEFAULT_ADMIN_PASSWORD);
        in.then().statusCode(200).body("account.password_change_required", equalTo(true));
        String token = in.jsonPath().getString("access_token");
        given().auth().oauth2(token).get("/api/v1/accounts").then().statusCode(403).body("code", equalTo("PASSWORD_CHANGE_REQUIRED"));
        given().auth().oauth2(token).get("/api/v1/licenses").then().statusCode(403).body("code", equalTo("PASSWORD_CHANGE_REQUIRED"));
        given().auth().oauth2(token).get("/api/v1/accounts/me").then().statusCode(200).body("password_change_required", equalTo(true));
        // admin-change-me itself is on the common-password list, so it cannot be chosen again.
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("current_password", AccountService.DEFAULT_ADMIN_PASSWORD, "new_password", AccountService.DEFAULT_ADMIN_PASSWORD))
                .post("/api/v1/accounts/me/password").then().statusCode(400);
        Response changed = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("current_password", AccountService.DEFAULT_ADMIN_PASSWORD, "new_password", "the-admins-own-secret"))
                .post("/api/v1/accounts/me/password");
        changed.then().statusCode(200).body("account.password_change_required", equalTo(false));
        given().auth().oauth2(changed.jsonPath().getString("access_token")).get("/api/v1/accounts").then().statusCode(200);
        // A later start without a password leaves the changed admin alone.
        assertFalse(accounts.ensureAdmin(name, name + "@example.test", Optional.empty()).await().atMost(Duration.ofSeconds(30)));
        signIn(name, "the-admins-own-secret").then().statusCode(200).body("account.password_change_required", equalTo(false));
    }

    @Test
    void aSuppliedAdminPasswordIsUsedAsItIsAndReplacesAnUnchangedDefault() {
        String supplied = "boots" + TestParties.random(8).toLowerCase();
        accounts.ensureAdmin(supplied, supplied + "@example.test", Optional.of("operator-chosen-pw")).await().atMost(Duration.ofSeconds(30));
        Response in = signIn(supplied, "operator-chosen-pw");
        in.then().statusCode(200).body("account.password_change_required", equalTo(false));
        given().auth().oauth2(in.jsonPath().getString("access_token")).get("/api/v1/accounts").then().statusCode(200);

        String flagged = "bootf" + TestParties.random(8).toLowerCase();
        accounts.ensureAdmin(flagged, flagged + "@example.test", Optional.empty()).await().atMost(Duration.ofSeconds(30));
        accounts.ensureAdmin(flagged, flagged + "@example.test", Optional.of("supplied-later-pw")).await().atMost(Duration.ofSeconds(30));
        signIn(flagged, AccountService.DEFAULT_ADMIN_PASSWORD).then().statusCode(401);
        signIn(flagged, "supplied-later-pw").then().statusCode(200).body("account.password_change_required", equalTo(false));
    }
}
