package org.licensing.license.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.licensing.license.TestParties;
import org.licensing.license.TestParties.Party;
import org.licensing.license.auth.Base32;
import org.licensing.license.auth.Totp;
import org.licensing.license.validation.Fixtures;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class TwoFactorTest {

    record Enrolled(Party party, byte[] secret, List<String> recoveryCodes, long confirmedStep) {}

    static Enrolled enrol(Party p) {
        Response start = p.as().post("/api/v1/accounts/me/2fa");
        start.then().statusCode(200).body("otpauth_uri", startsWith("otpauth://totp/"));
        String secret = start.jsonPath().getString("secret");
        assertTrue(start.jsonPath().getString("otpauth_uri").contains("secret=" + secret));
        // Stored encrypted, never as the secret itself.
        String stored = Fixtures.queryString("SELECT two_factor_secret FROM license.accounts WHERE id = ?", p.id());
        assertTrue(stored.startsWith("v1:") && !stored.contains(secret), stored);
        byte[] raw = Base32.decode(secret);
        p.as().body(Map.of("code", "000000")).post("/api/v1/accounts/me/2fa/confirm").then().statusCode(400)
                .body("code", equalTo("INVALID_TWO_FACTOR_CODE"));
        long step = Totp.stepOf(Instant.now());
        List<String> codes = p.as().body(Map.of("code", Totp.code(raw, step))).post("/api/v1/accounts/me/2fa/confirm")
                .then().statusCode(200).extract().jsonPath().getList("recovery_codes", String.class);
        assertEquals(10, codes.size());
        assertEquals(10, codes.stream().distinct().count());
        return new Enrolled(p, raw, codes, step);
    }

    static String challenge(Party p) {
        Response r = given().contentType(ContentType.JSON).body(Map.of("login", p.username(), "password", p.password()))
                .post("/api/v1/auth/sign-in");
        r.then().statusCode(200).body("two_factor_required", equalTo(true)).body("$", not(hasKey("access_token")));
        return r.jsonPath().getString("challenge");
    }

    static Response second(String challenge, String field, String value) {
        return given().contentType(ContentType.JSON).body(Map.of("challenge", challenge, field, value)).post("/api/v1/auth/sign-in/2fa");
    }

    @Test
    void signInWithACodeOnceAndReplaysAndStaleChallengesAreRefused() {
        Enrolled e = enrol(TestParties.seller());
        e.party().as().get("/api/v1/accounts/me").then().body("two_factor_enabled", equalTo(true));
        // The code used to confirm (its step) cannot sign in: a replay.
        String c1 = challenge(e.party());
        second(c1, "code", Totp.code(e.secret(), e.confirmedStep())).then().statusCode(401).body("code", equalTo("INVALID_TWO_FACTOR_CODE"));
        // A challenge is single use, right or wrong.
        second(c1, "code", Totp.code(e.secret(), e.confirmedStep() + 1)).then().statusCode(401).body("code", equalTo("INVALID_CHALLENGE"));
        // The next step's code (within one step of now) works once, in cookie mode too.
        String next = Totp.code(e.secret(), e.confirmedStep() + 1);
        Response ok = given().contentType(ContentType.JSON).header("X-Refresh-Mode", "cookie")
                .body(Map.of("challenge", challenge(e.party()), "code", next)).post("/api/v1/auth/sign-in/2fa");
        ok.then().statusCode(200).body("access_token", notNullValue()).body("$", not(hasKey("refresh_token")));
        assertTrue(ok.getHeader("Set-Cookie").startsWith("lm_refresh="));
        given().auth().oauth2(ok.jsonPath().getString("access_token")).get("/api/v1/accounts/me").then().statusCode(200);
        second(challenge(e.party()), "code", next).then().statusCode(401).body("code", equalTo("INVALID_TWO_FACTOR_CODE"));
        // A code two steps away is outside the window.
        second(challenge(e.party()), "code", Totp.code(e.secret(), Totp.stepOf(Instant.now()) + 3)).then().statusCode(401);
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'account.2fa_enabled'"
                + " AND payload::jsonb ->> \'account_id\' = ?", Long.toString(e.party().id())));
    }

    @Test
    void aRecoveryCodeWorksOnceAndTurningItOffNeedsAValidCode() {
        Enrolled e = enrol(TestParties.customer());
        String recovery = e.recoveryCodes().get(3);
        second(challenge(e.party()), "recovery_code", recovery.toUpperCase()).then().statusCode(200).body("access_token", notNullValue());
        second(challenge(e.party()), "recovery_code", recovery).then().statusCode(401).body("code", equalTo("INVALID_TWO_FACTOR_CODE"));
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.two_factor_recovery_codes WHERE account_id = ? AND used_at IS NOT NULL",
                e.party().id()));
        assertNotEquals(recovery, Fixtures.queryString("SELECT code_hash FROM license.two_factor_recovery_codes WHERE account_id = ? LIMIT 1",
                e.party().id()));
        // Off: a wrong code is refused, a recovery code does it; then the password alone signs in.
        given().auth().oauth2(e.party().token()).contentType(ContentType.JSON).body(Map.of("code", "123456"))
                .delete("/api/v1/accounts/me/2fa").then().statusCode(400);
        given().auth().oauth2(e.party().token()).contentType(ContentType.JSON).body(Map.of("recovery_code", e.recoveryCodes().get(0)))
                .delete("/api/v1/accounts/me/2fa").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("login", e.party().username(), "password", e.party().password()))
                .post("/api/v1/auth/sign-in").then().statusCode(200).body("access_token", notNullValue());
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'account.2fa_disabled'"
                + " AND payload::jsonb ->> \'account_id\' = ?", Long.toString(e.party().id())));
    }

    @Test
    void anAdminResetsSomeonesTwoFactorAndItIsEventLogged() {
        Enrolled e = enrol(TestParties.seller());
        Party admin = TestParties.admin();
        e.party().as().delete("/api/v1/accounts/" + admin.id() + "/2fa").then().statusCode(403);
        admin.as().delete("/api/v1/accounts/" + e.party().id() + "/2fa").then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("login", e.party().username(), "password", e.party().password()))
                .post("/api/v1/auth/sign-in").then().statusCode(200).body("access_token", notNullValue());
        assertEquals(1, Fixtures.queryLong("SELECT count(*) FROM license.outbox WHERE event_type = 'account.2fa_reset'"
                + " AND payload::jsonb ->> 'account_id' = ? AND payload::jsonb ->> 'actor_id' = ?", Long.toString(e.party().id()),
                Long.toString(admin.id())));
    }
}
