package org.licensing.common.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.LinkedHashMap;
import java.util.Map;

import org.licensing.common.auth.TokenClaims;

import org.eclipse.microprofile.jwt.Claims;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Signs tokens of one kind with its private key, adding the issuer, the kind's audience and
 * {@code typ}, and the {@code kid} of the matching published public key. The kid is found by a
 * probe signature at start-up: a private key whose public key is not published among the kind's
 * keys is a configuration error (tokens nobody could verify), reported before the first request.
 */
public final class TokenSigner {

    private final TokenKind kind;
    private final PrivateKey key;
    private final String kid;
    /** The fast path of {@link #sign(Map)}; null for keys it does not cover (RSA). */
    private final Ed25519Jws ed25519;

    public TokenSigner(TokenKind kind, PrivateKey key, Map<String, PublicKey> published) {
        this.kind = kind;
        this.key = key;
        this.kid = matchingKeyId(kind, key, published);
        this.ed25519 = "EdDSA".equals(kind.algorithm()) ? Ed25519Jws.of(key, kid) : null;
    }

    public String kid() {
        return kid;
    }

    public String sign(JwtClaimsBuilder claims) {
        return claims.issuer(TokenClaims.ISSUER)
                .audience(kind.audience())
                .claim(TokenClaims.TYPE, kind.type())
                .jws().keyId(kid).algorithm(SignatureAlgorithm.fromAlgorithm(kind.algorithm()))
                .sign(key);
    }

    /**
     * Signs claims given as plain values (strings, numbers, lists; {@code iat}/{@code exp} in epoch seconds),
     * adding the same issuer, audience and {@code typ} as {@link #sign(JwtClaimsBuilder)}. For Ed25519 keys
     * this skips the JWT builder and the JDK provider (the cost of a session start).
     */
    public String sign(Map<String, Object> claims) {
        if (ed25519 == null) {
            return sign(Jwt.claims(claims));
        }
        Map<String, Object> all = new LinkedHashMap<>(claims);
        all.put(TokenClaims.TYPE, kind.type());
        all.put(Claims.iss.name(), TokenClaims.ISSUER);
        all.put(Claims.aud.name(), kind.audience());
        return ed25519.sign(all);
    }

    private static String matchingKeyId(TokenKind kind, PrivateKey key, Map<String, PublicKey> published) {
        byte[] probe = ("probe of the " + kind.type() + " signing key").getBytes(StandardCharsets.US_ASCII);
        String jca = switch (kind.algorithm()) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSA";
            case "EdDSA" -> "Ed25519";
            default -> throw new IllegalStateException("Unsupported algorithm " + kind.algorithm());
        };
        byte[] signature;
        try {
            Signature s = Signature.getInstance(jca);
            s.initSign(key);
            s.update(probe);
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The " + kind.configName() + " signing key is not a " + kind.algorithm() + " key", e);
        }
        for (Map.Entry<String, PublicKey> candidate : published.entrySet()) {
            try {
                Signature v = Signature.getInstance(jca);
                v.initVerify(candidate.getValue());
                v.update(probe);
                if (v.verify(signature)) {
                    return candidate.getKey();
                }
            } catch (GeneralSecurityException e) {
                // a key of another type: not this one
            }
        }
        throw new IllegalStateException("The public key of the " + kind.configName()
                + " signing key is not among licensing.jwt." + kind.configName() + ".public-keys");
    }
}
