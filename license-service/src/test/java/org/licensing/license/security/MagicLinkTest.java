package org.licensing.license.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.restassured.response.Response;

/** Magic-link sign-in through the real SMTP sink's Maildir: the mailed link signs in once, within 15 minutes; 2FA still asked. */
@QuarkusTest
class MagicLinkTest {

    static void ask(String email) {
        given().contentType(ContentType.JSON).body(Map.of("email", email)).post("/api/v1/auth/magic-link").then().statusCode(202);
    }

    static String linkToken(Party p, int mailsBefore) {
        List<Maildir.Message> links = Maildir.await(p.email(), mailsBefore + 1, Duration.ofSeconds(30)).stream()
                .filter(m -> m.subject().equals("Your sign-in link")).toList();
        assertTrue(!links.isEmpty(), "a sign-in link mail");
        Maildir.Message mail = links.get(links.size() - 1);
        assertTrue(mail.text().contains("/magic-link?token="), mail.text());
        assertTrue(mail.text().contains("valid for 15 minutes"), mail.text());
        assertTrue(mail.html() != null && mail.html().contains("magic-link?token="), "an HTML part with the link");
        return Maildir.token(mail);
    }

    static Response use(String token) {
        return given().contentType(ContentType.JSON).header("X-Refresh-Mode", "cookie").body(Map.of("token", token))
                .post("/api/v1/auth/magic-link/sign-in");
    }

    @Test
    void theMailedLinkSignsTheCustomerInOnce() {
        Party c = TestParties.customer();
        Maildir.await(c.email(), 1, Duration.ofSeconds(30)); // the registration's verification mail
        ask(c.email().toUpperCase());
        String token = linkToken(c, 1);
        // Only its SHA-256 is stored, valid 15 minutes.
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.password_reset_tokens WHERE token_hash = ? AND account_id = ?"
                + " AND purpose = 'MAGIC_LINK' AND expires_at BETWEEN now() + interval '14 minutes' AND now() + interval '15 minutes'",
                OneTimeTokens.hash(token), c.id()));
        Response in = use(token);
        in.then().statusCode(200).body("account.id", equalTo((int) c.id())).body("access_token", notNullValue())
                .body("$", not(hasKey("refresh_token")));
        assertTrue(in.getCookie("lm_refresh") != null, "the refresh token in the cookie");
        given().auth().oauth2(in.jsonPath().getString("access_token")).get("/api/v1/accounts/me").then().statusCode(200)
                .body("username", equalTo(c.username()));
        use(token).then().statusCode(400).body("code", equalTo("INVALID_MAGIC_LINK")).body("reason", equalTo("already_used"));
        use("made-up-token").then().statusCode(400).body("reason", equalTo("unknown"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/auth/magic-link/sign-in").then().statusCode(400)
                .body("errors[0].field", equalTo("token"));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'account.magic_link_used'"
                + " AND payload::jsonb ->> 'account_id' = ?", Long.toString(c.id())));
    }

    @Test
    void anExpiredLinkIsRefused() {
        Party c = TestParties.customer();
        Maildir.await(c.email(), 1, Duration.ofSeconds(30));
        ask(c.email());
        String token = linkToken(c, 1);
        Fixtures.execute("UPDATE license.password_reset_tokens SET expires_at = now() - interval '1 second' WHERE account_id = ?"
                + " AND purpose = 'MAGIC_LINK'", c.id());
        use(token).then().statusCode(400).body("code", equalTo("INVALID_MAGIC_LINK")).body("reason", equalTo("expired"));
    }

    @Test
    void twoFactorStillApplies() {
        Party c = TestParties.customer();
        Maildir.await(c.email(), 1, Duration.ofSeconds(30));
        TwoFactorTest.Enrolled e = TwoFactorTest.enrol(c);
        int before = Maildir.to(c.email()).size();
        ask(c.email());
        Response first = use(linkToken(c, before));
        first.then().statusCode(200).body("two_factor_required", equalTo(true)).body("$", not(hasKey("access_token")));
        TwoFactorTest.second(first.jsonPath().getString("challenge"), "recovery_code", e.recoveryCodes().get(0))
                .then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void alwaysAcceptedButMailedOnlyToCustomersAndLimitedPerAddress() throws Exception {
        String unknown = "nobody-" + TestParties.random(10).toLowerCase() + "@example.test";
        ask(unknown);
        Party seller = TestParties.seller();
        Maildir.await(seller.email(), 1, Duration.ofSeconds(30));
        ask(seller.email());
        given().contentType(ContentType.JSON).body(Map.of("email", "not-an-address")).post("/api/v1/auth/magic-link")
                .then().statusCode(400).body("errors[0].field", equalTo("email"));
        Party c = TestParties.customer();
        Maildir.await(c.email(), 1, Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            ask(c.email());
        }
        Maildir.await(c.email(), 4, Duration.ofSeconds(30));
        Thread.sleep(2000);
        // Three per address and hour (licensing.rate-limit.groups.magic-link-address): 1 verification + 3 links.
        assertEquals(4, Maildir.to(c.email()).size());
        assertEquals(0, Maildir.to(unknown).size());
        assertEquals(1, Maildir.to(seller.email()).size(), "a seller signs in with the password");
    }
}
