package org.licensing.session.heartbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.testing.TestTokens;
import org.licensing.common.tokens.KeyFiles;
import org.licensing.common.tokens.TokenKind;
import org.licensing.common.tokens.TokenVerifier;

import io.smallrye.jwt.build.Jwt;

/**
 * The verified-token cache and the cheap refusals, with the checkout's real development keys: a
 * token is verified once, anything else is verified again, and forgeries that can be told by their
 * header or payload never reach a signature check.
 */
class SessionTokensTest {

    private final SessionTokens tokens = new SessionTokens(new TokenVerifier(TokenKind.SESSION,
            KeyFiles.publicKeys(TokenKind.SESSION, "../deploy/local/keys/session-public.pem")), 1000);

    private static String session(String sid, Instant expires) {
        return TestTokens.sign(TokenKind.SESSION, Jwt.subject("1").groups(Set.of(Roles.CLIENT))
                .claim(TokenClaims.SESSION_ID, sid).claim(TokenClaims.LICENSE_ID, 300L).claim(TokenClaims.DEVICE_ID, 42L)
                .issuedAt(expires.minusSeconds(7200)).expiresAt(expires));
    }

    private static String session(String sid) {
        return session(sid, Instant.now().plusSeconds(3600));
    }

    private void refused(String authorization) {
        ProblemException e = assertThrows(ProblemException.class, () -> tokens.sessionId(authorization));
        assertEquals(401, e.status());
        assertEquals("INVALID_SESSION_TOKEN", e.code());
    }

    @Test
    void aTokenIsVerifiedOnceThenRecognised() {
        String t = session("s-1");
        assertEquals("s-1", tokens.sessionId("Bearer " + t));
        assertEquals("s-1", tokens.sessionId("Bearer " + t));
        assertEquals("s-1", tokens.sessionId("bearer " + t));
        // what the heartbeat builds its keys and flags from, without a look-up
        SessionTokens.Verified v = tokens.verified("Bearer " + t);
        assertEquals(300L, v.licenseId());
        assertEquals(42L, v.deviceId());
        assertEquals("1", v.accountId());
        String payload = new String(java.util.Base64.getUrlDecoder().decode(t.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(v.jti() != null && payload.contains("\"jti\":\"" + v.jti() + "\""), payload);
        assertEquals(1, tokens.signatureChecks());
    }

    @Test
    void aTokenThatDiffersInAnyByteIsVerifiedAgainAndAFailedOneIsRemembered() {
        String good = session("s-1");
        tokens.sessionId("Bearer " + good);
        String[] parts = good.split("\\.");
        // same header and payload, another (well-formed) signature: must not ride on the verified one
        String forged = parts[0] + "." + parts[1] + "." + session("s-1").split("\\.")[2];
        refused("Bearer " + forged);
        // same signature, another payload
        String swapped = parts[0] + "." + session("s-2").split("\\.")[1] + "." + parts[2];
        refused("Bearer " + swapped);
        assertEquals(3, tokens.signatureChecks());
        // replaying a forgery costs no second signature check
        refused("Bearer " + forged);
        refused("Bearer " + swapped);
        assertEquals(3, tokens.signatureChecks());
    }

    @Test
    void forgeriesOfTheWrongShapeKindKeyOrAgeNeverReachASignatureCheck() {
        refused("Bearer garbage");
        refused("Bearer " + "a".repeat(5000) + ".b.c");
        refused("Bearer " + session("s-1", Instant.now().minusSeconds(60)));
        // an access token (its own key, audience and RS256) where a session token is expected
        refused("Bearer " + TestTokens.access(1, Roles.ADMIN));
        refused("Bearer " + TestTokens.sign(TokenKind.REFRESH, Jwt.subject("1")));
        // alg "none" with a session token's payload
        String payload = session("s-1").split("\\.")[1];
        refused("Bearer eyJhbGciOiJub25lIn0." + payload + ".");
        refused("Bearer eyJhbGciOiJub25lIiwia2lkIjoic2Vzc2lvbi0xIn0." + payload + ".c2ln");
        refused(null);
        refused("Basic abc");
        assertEquals(0, tokens.signatureChecks());
    }

    @Test
    void aSessionTokenWithoutItsSessionIsRefused() {
        refused("Bearer " + TestTokens.sign(TokenKind.SESSION, Jwt.subject("1").groups(Set.of(Roles.CLIENT))
                .claim("jti", UUID.randomUUID().toString())));
    }
}
