package org.licensing.common.testing;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.licensing.common.auth.TokenClaims;
import org.licensing.common.tokens.KeyFiles;
import org.licensing.common.tokens.TokenKind;
import org.licensing.common.tokens.TokenSigner;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Tokens for tests, signed with the development keys of this checkout ({@code deploy/local/keys},
 * made by {@code deploy/local/infra.sh}) exactly as the signing service would sign them. Tests may
 * sign any kind; the services themselves hold only the private keys of the kinds they sign.
 */
public final class TestTokens {

    private static final String KEYS = "../deploy/local/keys/";
    private static final Map<TokenKind, TokenSigner> SIGNERS = new EnumMap<>(TokenKind.class);

    private TestTokens() {}

    public static synchronized TokenSigner signer(TokenKind kind) {
        return SIGNERS.computeIfAbsent(kind, k -> new TokenSigner(k,
                KeyFiles.privateKey(KEYS + k.configName() + "-private.pem"),
                KeyFiles.publicKeys(k, KEYS + k.configName() + "-public.pem")));
    }

    /** A person's access token (valid 15 minutes). */
    public static String access(long accountId, String... roles) {
        return sign(TokenKind.ACCESS, Jwt.subject(Long.toString(accountId)).groups(Set.of(roles)));
    }

    /** Signs with the kind's development key; adds a jti when the claims have none. */
    public static String sign(TokenKind kind, JwtClaimsBuilder claims) {
        return signer(kind).sign(claims.claim("jti", UUID.randomUUID().toString()));
    }

    /** The issuer the services expect (for tests building their own claims). */
    public static final String ISSUER = TokenClaims.ISSUER;
}
