package org.licensing.license.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.Maildir;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With the production setting on: sellers issue only once verified, and notices go only to verified addresses. */
@QuarkusTest
@TestProfile(VerificationRequiredTest.Required.class)
class VerificationRequiredTest {

    public static class Required implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("licensing.accounts.email-verification-required", "true");
        }
    }

    @Test
    void anUnverifiedSellerCannotIssueUntilTheLinkIsFollowed() throws Exception {
        Party s = TestParties.seller();
        long product = TestParties.product(s, "SEGMENTED", Map.of());
        s.as().body(Map.of("product_id", product)).post("/api/v1/licenses").then().statusCode(403)
                .body("code", equalTo("EMAIL_NOT_VERIFIED"));
        // A notice to the unverified address is not sent (only the verification mail arrives).
        String next = "sellers-new-password";
        String access = s.as().body(Map.of("current_password", s.password(), "new_password", next)).post("/api/v1/accounts/me/password")
                .then().statusCode(200).extract().path("access_token");
        Maildir.Message verify = Maildir.await(s.email(), 1, Duration.ofSeconds(30)).get(0);
        Thread.sleep(1500);
        assertEquals(1, Maildir.to(s.email()).size());
        given().contentType(ContentType.JSON).body(Map.of("token", Maildir.token(verify))).post("/api/v1/auth/verify-email")
                .then().statusCode(200);
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("product_id", product)).post("/api/v1/licenses")
                .then().statusCode(201);
        // Now verified, the next notice is delivered.
        given().auth().oauth2(access).contentType(ContentType.JSON).body(Map.of("current_password", next, "new_password", "and-again-changed"))
                .post("/api/v1/accounts/me/password").then().statusCode(200);
        assertTrue(Maildir.await(s.email(), 2, Duration.ofSeconds(30)).get(1).subject().contains("password was changed"));
    }
}
