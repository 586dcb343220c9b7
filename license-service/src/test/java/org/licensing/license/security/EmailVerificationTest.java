package org.licensing.license.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.Maildir;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class EmailVerificationTest {

    @Test
    void registrationMailsALinkThatVerifiesTheAddressOnce() {
        Party c = TestParties.customer();
        c.as().get("/api/v1/accounts/me").then().statusCode(200).body("email_verified_at", nullValue());
        Maildir.Message mail = Maildir.await(c.email(), 1, Duration.ofSeconds(30)).get(0);
        assertEquals("Confirm your e-mail address", mail.subject());
        assertTrue(mail.html().contains("verify-email?token="), mail.html());
        String token = Maildir.token(mail);
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/v1/auth/verify-email").then().statusCode(200)
                .body("email", equalTo(c.email())).body("email_verified_at", notNullValue());
        c.as().get("/api/v1/accounts/me").then().statusCode(200).body("email_verified_at", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("token", token)).post("/api/v1/auth/verify-email").then().statusCode(400)
                .body("code", equalTo("INVALID_VERIFICATION_TOKEN")).body("reason", equalTo("already_used"));
        given().contentType(ContentType.JSON).body(Map.of("token", "made-up")).post("/api/v1/auth/verify-email").then().statusCode(400)
                .body("reason", equalTo("unknown"));
        c.as().post("/api/v1/auth/verify-email/resend").then().statusCode(409).body("code", equalTo("EMAIL_ALREADY_VERIFIED"));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'account.email_verified'"
                + " AND payload::jsonb ->> \'account_id\' = ?", Long.toString(c.id())));
    }

    @Test
    void theResendIsLimitedAndItsLinkWorks() {
        Party c = TestParties.customer();
        Maildir.await(c.email(), 1, Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            c.as().post("/api/v1/auth/verify-email/resend").then().statusCode(202);
        }
        c.as().post("/api/v1/auth/verify-email/resend").then().statusCode(429).header("Retry-After", notNullValue());
        var all = Maildir.await(c.email(), 4, Duration.ofSeconds(30));
        given().contentType(ContentType.JSON).body(Map.of("token", Maildir.token(all.get(all.size() - 1))))
                .post("/api/v1/auth/verify-email").then().statusCode(200);
    }
}
