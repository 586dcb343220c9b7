package org.licensing.common.tokens;

import java.security.Key;
import java.security.PublicKey;
import java.util.Map;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;
import org.licensing.common.auth.TokenClaims;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies tokens of one kind: the key named by the header's {@code kid} among this kind's public
 * keys (an unknown kid is refused, never "try every key"), this kind's algorithm only, the issuer,
 * this kind's audience and {@code typ}, an expiry, a subject and a jti. Several keys are accepted at
 * once so that a key can be rolled over while tokens signed with the previous one are still alive.
 */
public final class TokenVerifier {

    private final TokenKind kind;
    private final Map<String, PublicKey> keys;
    private final JwtConsumer consumer;
    /**
     * EdDSA kinds: the signature is checked by {@link Ed25519JwsVerifier} (Bouncy Castle, keys decoded once), and
     * this consumer, the same rules as {@link #consumer} but for the signature, checks the claims. Null otherwise.
     */
    private final Ed25519JwsVerifier ed25519;
    private final JwtConsumer claimsOnly;

    public TokenVerifier(TokenKind kind, Map<String, PublicKey> keys) {
        this.kind = kind;
        this.keys = Map.copyOf(keys);
        this.consumer = rules(kind).setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, kind.algorithm())
                .setVerificationKeyResolver((jws, nesting) -> {
                    Key key = jws.getKeyIdHeaderValue() == null ? null : this.keys.get(jws.getKeyIdHeaderValue());
                    if (key == null) {
                        throw new UnresolvableKeyException("unknown key id");
                    }
                    return key;
                })
                .build();
        this.ed25519 = "EdDSA".equals(kind.algorithm()) ? Ed25519JwsVerifier.of(this.keys) : null;
        this.claimsOnly = ed25519 == null ? null : rules(kind).setSkipSignatureVerification().build();
    }

    /** The claim rules every token of the kind must meet, whoever checks its signature. */
    private static JwtConsumerBuilder rules(TokenKind kind) {
        return new JwtConsumerBuilder()
                .setExpectedIssuer(true, TokenClaims.ISSUER)
                .setExpectedAudience(true, kind.audience())
                .setRequireExpirationTime()
                .setRequireSubject()
                .setRequireJwtId()
                .setAllowedClockSkewInSeconds(30);
    }

    public TokenKind kind() {
        return kind;
    }

    public boolean knows(String kid) {
        return keys.containsKey(kid);
    }

    public Map<String, PublicKey> keys() {
        return keys;
    }

    /** The verified claims, or an {@link InvalidTokenException}. */
    public JwtClaims verify(String token) {
        JwtClaims claims;
        try {
            if (ed25519 == null) {
                claims = consumer.processToClaims(token);
            } else {
                // the same message whatever failed: a caller learns nothing about which check it was
                if (token == null || ed25519.refusal(token) != null) {
                    throw new InvalidTokenException("The " + kind.type() + " token is invalid or expired", null);
                }
                claims = claimsOnly.processToClaims(token);
            }
        } catch (InvalidJwtException e) {
            throw new InvalidTokenException("The " + kind.type() + " token is invalid or expired", e);
        }
        try {
            if (!kind.type().equals(claims.getStringClaimValue(TokenClaims.TYPE))) {
                throw new InvalidTokenException("This is not a " + kind.type() + " token", null);
            }
        } catch (MalformedClaimException e) {
            throw new InvalidTokenException("This is not a " + kind.type() + " token", e);
        }
        return claims;
    }

    /** The verified token as a {@link JsonWebToken}, or smallrye-jwt's {@link ParseException}. */
    public JsonWebToken parse(String token) throws ParseException {
        try {
            JwtClaims claims = verify(token);
            claims.setClaim(Claims.raw_token.name(), token);
            return new DefaultJWTCallerPrincipal("JWT", claims);
        } catch (InvalidTokenException e) {
            throw new ParseException(e.getMessage(), e);
        }
    }

    /** A token that is not a valid token of the expected kind; the message is safe to show. */
    public static final class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
