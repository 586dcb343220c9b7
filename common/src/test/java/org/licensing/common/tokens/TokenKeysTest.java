package org.licensing.common.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.jwt.build.Jwt;

/**
 * Per-kind keys, audiences and rotation, with real keys and real signatures: during a rollover a
 * token signed with the old key still verifies, after its removal it is refused, an unknown kid is
 * refused, and no kind's token passes as another kind.
 */
class TokenKeysTest {

    @TempDir
    Path dir;

    private static String token(TokenSigner signer) {
        return signer.sign(Jwt.subject("42").groups(Set.of("ADMIN")).claim("jti", UUID.randomUUID().toString()));
    }

    private TokenKeys keys(TokenKind kind, Path publicKeys, Path signingKey) {
        return new TokenKeys(EnumSet.of(kind), signingKey == null ? Set.of() : EnumSet.of(kind),
                k -> Optional.of("file:" + publicKeys), k -> Optional.ofNullable(signingKey).map(p -> "file:" + p));
    }

    @Test
    void aTokenSignedWithTheOldKeyVerifiesDuringTheRolloverAndIsRefusedAfter() {
        for (TokenKind kind : TokenKind.values()) {
            KeyPair old = TestKeys.generate(kind);
            KeyPair next = TestKeys.generate(kind);
            Path oldPrivate = TestKeys.write(dir, kind + "-old.pem", TestKeys.privatePem(old));
            Path nextPrivate = TestKeys.write(dir, kind + "-next.pem", TestKeys.privatePem(next));
            Path before = TestKeys.write(dir, kind + "-before.pem", TestKeys.publicPem(old));
            Path during = TestKeys.write(dir, kind + "-during.pem", TestKeys.publicPem(old), TestKeys.publicPem(next));
            Path after = TestKeys.write(dir, kind + "-after.pem", TestKeys.publicPem(next));

            String oldToken = token(keys(kind, before, oldPrivate).signer(kind));
            TokenKeys rollover = keys(kind, during, nextPrivate);
            String newToken = token(rollover.signer(kind));
            assertNotEquals(UnverifiedToken.peek(oldToken).kid(), UnverifiedToken.peek(newToken).kid());

            assertEquals("42", subject(rollover.verifier(kind).verify(oldToken)), kind + ": old key during the rollover");
            assertEquals("42", subject(rollover.verifier(kind).verify(newToken)), kind + ": new key during the rollover");

            TokenVerifier retired = keys(kind, after, null).verifier(kind);
            assertEquals("42", subject(retired.verify(newToken)));
            assertThrows(TokenVerifier.InvalidTokenException.class, () -> retired.verify(oldToken), kind + ": old key removed");
        }
    }

    @Test
    void theKidNamesTheKeyAndAnUnknownKidIsRefused() {
        KeyPair pair = TestKeys.generate(TokenKind.ACCESS);
        KeyPair other = TestKeys.generate(TokenKind.ACCESS);
        Path pub = TestKeys.write(dir, "pub.pem", TestKeys.publicPem(pair));
        Path both = TestKeys.write(dir, "both.pem", TestKeys.publicPem(pair), TestKeys.publicPem(other));
        TokenKeys keys = keys(TokenKind.ACCESS, pub, TestKeys.write(dir, "priv.pem", TestKeys.privatePem(pair)));
        String good = token(keys.signer(TokenKind.ACCESS));
        assertEquals(KeyFiles.keyId(TokenKind.ACCESS, pair.getPublic()), UnverifiedToken.peek(good).kid());

        // a token signed by a key nobody published: its kid is unknown
        TokenKeys stranger = keys(TokenKind.ACCESS, both, TestKeys.write(dir, "other.pem", TestKeys.privatePem(other)));
        String foreign = token(stranger.signer(TokenKind.ACCESS));
        assertThrows(TokenVerifier.InvalidTokenException.class, () -> keys.verifier(TokenKind.ACCESS).verify(foreign));
        assertEquals("key", UnverifiedToken.peek(foreign).refusal(keys.verifier(TokenKind.ACCESS), 0));

        // the published key's kid on another key's signature: the signature fails
        String[] parts = foreign.split("\\.");
        String relabelled = good.split("\\.")[0] + "." + parts[1] + "." + parts[2];
        assertThrows(TokenVerifier.InvalidTokenException.class, () -> keys.verifier(TokenKind.ACCESS).verify(relabelled));
    }

    @Test
    void aTokenOfOneKindIsRefusedAsAnother() {
        Map<TokenKind, Path> pub = new java.util.EnumMap<>(TokenKind.class);
        Map<TokenKind, Path> priv = new java.util.EnumMap<>(TokenKind.class);
        for (TokenKind kind : TokenKind.values()) {
            KeyPair pair = TestKeys.generate(kind);
            pub.put(kind, TestKeys.write(dir, kind + ".pub", TestKeys.publicPem(pair)));
            priv.put(kind, TestKeys.write(dir, kind + ".key", TestKeys.privatePem(pair)));
        }
        TokenKeys all = new TokenKeys(EnumSet.allOf(TokenKind.class), EnumSet.allOf(TokenKind.class),
                k -> Optional.of("file:" + pub.get(k)), k -> Optional.of("file:" + priv.get(k)));
        for (TokenKind signed : TokenKind.values()) {
            String t = token(all.signer(signed));
            for (TokenKind expected : TokenKind.values()) {
                if (expected == signed) {
                    assertEquals("42", subject(all.verifier(expected).verify(t)));
                    assertEquals(signed.audience(), UnverifiedToken.peek(t).audience());
                } else {
                    assertThrows(TokenVerifier.InvalidTokenException.class, () -> all.verifier(expected).verify(t),
                            signed + " accepted as " + expected);
                }
            }
        }
        // one kind's private key that claims another kind's audience: the audience is right, the key is not
        TokenSigner sessionKeyAsAccess = new TokenSigner(TokenKind.SESSION, KeyFiles.privateKey(priv.get(TokenKind.SESSION).toString()),
                all.verifier(TokenKind.SESSION).keys());
        String minted = sessionKeyAsAccess.sign(Jwt.subject("1").groups(Set.of("ADMIN")).audience(TokenKind.ACCESS.audience())
                .claim("jti", "x"));
        assertThrows(TokenVerifier.InvalidTokenException.class, () -> all.verifier(TokenKind.ACCESS).verify(minted));
    }

    @Test
    void aServiceWithoutAKindsPrivateKeyCannotSignIt() {
        KeyPair pair = TestKeys.generate(TokenKind.ACCESS);
        TokenKeys verifyOnly = keys(TokenKind.ACCESS, TestKeys.write(dir, "a.pem", TestKeys.publicPem(pair)), null);
        assertThrows(IllegalStateException.class, () -> verifyOnly.signer(TokenKind.ACCESS));
        assertThrows(IllegalStateException.class, () -> verifyOnly.verifier(TokenKind.SESSION));
    }

    @Test
    void aSigningKeyWhosePublicKeyIsNotPublishedFailsAtStartUp() {
        KeyPair published = TestKeys.generate(TokenKind.SESSION);
        KeyPair unpublished = TestKeys.generate(TokenKind.SESSION);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys(TokenKind.SESSION,
                TestKeys.write(dir, "s.pem", TestKeys.publicPem(published)),
                TestKeys.write(dir, "s.key", TestKeys.privatePem(unpublished))));
        assertTrue(e.getMessage().contains("public-keys"), e.getMessage());
    }

    @Test
    void aJwksDocumentIsAcceptedToo() throws Exception {
        KeyPair pair = TestKeys.generate(TokenKind.SESSION);
        org.jose4j.jwk.PublicJsonWebKey jwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(pair.getPublic());
        jwk.setKeyId("session-2026-12");
        Path jwks = TestKeys.write(dir, "s.jwks", new org.jose4j.jwk.JsonWebKeySet(jwk).toJson());
        TokenKeys keys = keys(TokenKind.SESSION, jwks, TestKeys.write(dir, "s.key", TestKeys.privatePem(pair)));
        String t = token(keys.signer(TokenKind.SESSION));
        assertEquals("session-2026-12", UnverifiedToken.peek(t).kid());
        assertEquals("42", subject(keys.verifier(TokenKind.SESSION).verify(t)));
    }

    private static String subject(JwtClaims claims) {
        try {
            return claims.getSubject();
        } catch (org.jose4j.jwt.MalformedClaimException e) {
            throw new AssertionError(e);
        }
    }
}
