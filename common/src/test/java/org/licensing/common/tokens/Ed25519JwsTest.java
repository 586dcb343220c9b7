package org.licensing.common.tokens;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast session-token signature: a token signed from plain claims verifies with the unchanged
 * verifier, carries the kind's issuer, audience and typ, and its signature is exactly the JDK's
 * (Ed25519 is deterministic), so no verifier anywhere can tell the two apart.
 */
class Ed25519JwsTest {

    @TempDir
    Path dir;



    @Test
    void aTokenFromPlainClaimsVerifiesWithEveryClaimInPlace() throws Exception {
        KeyPair pair = TestKeys.generate(TokenKind.SESSION);
        TokenKeys keys = TestKeys.sessionKeys(dir, pair);
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> c = TestKeys.sessionClaims(now);
        String token = keys.signer(TokenKind.SESSION).sign(c);
        JwtClaims verified = keys.verifier(TokenKind.SESSION).verify(token);
        assertEquals("7", verified.getSubject());
        assertEquals(List.of("CLIENT"), verified.getStringListClaimValue("groups"));
        assertEquals(c.get("sid"), verified.getStringClaimValue("sid"));
        assertEquals(12L, verified.getClaimValue("lic", Long.class));
        assertEquals(34L, verified.getClaimValue("dev", Long.class));
        assertEquals(c.get("jti"), verified.getJwtId());
        assertEquals(now + 3600, verified.getExpirationTime().getValue());
        assertEquals(TokenKind.SESSION.type(), verified.getStringClaimValue("typ"));
        assertEquals(List.of(TokenKind.SESSION.audience()), verified.getAudience());
        assertEquals(keys.signer(TokenKind.SESSION).kid(), UnverifiedToken.peek(token).kid());
    }

    @Test
    void theSignatureIsExactlyTheJdksOverTheSameInput() throws Exception {
        KeyPair pair = TestKeys.generate(TokenKind.SESSION);
        String token = TestKeys.sessionKeys(dir, pair).signer(TokenKind.SESSION).sign(TestKeys.sessionClaims(1_800_000_000L));
        int lastDot = token.lastIndexOf('.');
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(pair.getPrivate());
        jdk.update(token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals(jdk.sign(), Base64.getUrlDecoder().decode(token.substring(lastDot + 1)));
    }

    @Test
    void aTamperedClaimIsRefused() {
        KeyPair pair = TestKeys.generate(TokenKind.SESSION);
        TokenKeys keys = TestKeys.sessionKeys(dir, pair);
        String token = keys.signer(TokenKind.SESSION).sign(TestKeys.sessionClaims(System.currentTimeMillis() / 1000));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"lic\":12", "\"lic\":13");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThrows(TokenVerifier.InvalidTokenException.class, () -> keys.verifier(TokenKind.SESSION).verify(forged));
    }

    @Test
    void rsaKindsSignPlainClaimsThroughTheBuilder() throws Exception {
        KeyPair pair = TestKeys.generate(TokenKind.ACCESS);
        Path pub = TestKeys.write(dir, "a.pem", TestKeys.publicPem(pair));
        Path key = TestKeys.write(dir, "a.key", TestKeys.privatePem(pair));
        TokenKeys keys = new TokenKeys(EnumSet.of(TokenKind.ACCESS), Set.of(TokenKind.ACCESS),
                k -> Optional.of("file:" + pub), k -> Optional.of("file:" + key));
        Map<String, Object> c = TestKeys.sessionClaims(System.currentTimeMillis() / 1000);
        JwtClaims verified = keys.verifier(TokenKind.ACCESS).verify(keys.signer(TokenKind.ACCESS).sign(c));
        assertEquals("7", verified.getSubject());
        assertEquals(TokenKind.ACCESS.type(), verified.getStringClaimValue("typ"));
    }
}
