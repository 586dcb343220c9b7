package org.licensing.license.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.Maildir;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Reset by the e-mail the real SMTP sink received: the link's token, once, within the hour. */
@QuarkusTest
class PasswordResetTest {

    static void requestReset(String email) {
        given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/v1/auth/password-reset").then().statusCode(202);
    }

    static Maildir.Message resetMail(String email, int nth) {
        List<Maildir.Message> all = Maildir.await(email, nth, Duration.ofSeconds(30)).stream()
                .filter(m -> m.subject().equals("Reset your password")).toList();
        assertTrue(all.size() >= nth - 1, "reset mails: " + all.size());
        return all.get(all.size() - 1);
    }

    @Test
    void aForgottenPasswordIsResetOnceFromTheEmailedLinkAndEverySessionEnds() {
        Party c = TestParties.customer();
        Maildir.await(c.email(), 1, Duration.ofSeconds(30)); // the verification mail of the registration
        requestReset(c.email().toUpperCase());
        Maildir.Message mail = resetMail(c.email(), 2);
        assertNotNull(mail.html(), "an HTML part too");
        assertTrue(mail.html().contains("reset-password?token="), mail.html());
        String token = Maildir.token(mail);
        // Only its SHA-256 is stored.
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.password_reset_tokens WHERE token_hash = ? AND account_id = ?",
                OneTimeTokens.hash(token), c.id()));

        given().contentType(ContentType.JSON).body(Map.of("token", token, "new_password", "password1234"))
                .post("/api/v1/auth/password-reset/confirm").then().statusCode(400).body("errors[0].field", equalTo("new_password"));
        given().contentType(ContentType.JSON).body(Map.of("token", token, "new_password", "reset-to-this-one"))
                .post("/api/v1/auth/password-reset/confirm").then().statusCode(204);
        // Every session ended; the new password works, the old does not; the token works once.
        c.as().get("/api/v1/accounts/me").then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", c.refreshToken())).post("/api/v1/auth/refresh")
                .then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("login", c.username(), "password", c.password()))
                .post("/api/v1/auth/sign-in").then().statusCode(401);
        String access = given().contentType(ContentType.JSON).body(Map.of("login", c.username(), "password", "reset-to-this-one"))
                .post("/api/v1/auth/sign-in").then().statusCode(200).extract().path("access_token");
        // Following the mailed link proved the address.
        given().auth().oauth2(access).get("/api/v1/accounts/me").then().statusCode(200).body("email_verified_at", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("token", token, "new_password", "yet-another-password"))
                .post("/api/v1/auth/password-reset/confirm").then().statusCode(400)
                .body("code", equalTo("INVALID_RESET_TOKEN")).body("reason", equalTo("already_used"));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'account.password_reset'"
                + " AND payload::jsonb ->> \'account_id\' = ?", Long.toString(c.id())));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Party c = TestParties.customer();
        Maildir.await(c.email(), 1, Duration.ofSeconds(30));
        requestReset(c.email());
        String token = Maildir.token(resetMail(c.email(), 2));
        Fixtures.execute("UPDATE license.password_reset_tokens SET expires_at = now() - interval '1 second' WHERE account_id = ?"
                + " AND purpose = 'PASSWORD_RESET'", c.id());
        given().contentType(ContentType.JSON).body(Map.of("token", token, "new_password", "too-late-for-this"))
                .post("/api/v1/auth/password-reset/confirm").then().statusCode(400)
                .body("code", equalTo("INVALID_RESET_TOKEN")).body("reason", equalTo("expired"));
        c.as().get("/api/v1/accounts/me").then().statusCode(200);
    }

    @Test
    void anUnknownAddressGets202AndNoMailAndRequestsAreLimitedPerAddress() throws Exception {
        String unknown = "nobody-" + TestParties.random(10).toLowerCase() + "@example.test";
        requestReset(unknown);
        given().contentType(ContentType.JSON).body(Map.of("email", "not-an-address")).post("/api/v1/auth/password-reset")
                .then().statusCode(400).body("errors[0].field", equalTo("email"));
        Party c = TestParties.customer();
        Maildir.await(c.email(), 1, Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            requestReset(c.email());
        }
        Maildir.await(c.email(), 4, Duration.ofSeconds(30));
        Thread.sleep(2000);
        // Three per address and hour (licensing.rate-limit.groups.password-reset-address): 1 verification + 3 resets.
        assertEquals(4, Maildir.to(c.email()).size());
        assertEquals(0, Maildir.to(unknown).size());
    }
}
