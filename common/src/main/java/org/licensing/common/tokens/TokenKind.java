package org.licensing.common.tokens;

import java.util.Locale;

import org.licensing.common.auth.TokenClaims;

/**
 * The three kinds of token the platform signs. Each kind has its own key pair, its own audience
 * and its own algorithm, so a key that leaks (or a service taken over) mints only its own kind, and
 * a token of one kind is refused wherever another is expected.
 *
 * <p>People's tokens stay RS256 (signed at sign-in, verified on every management call: RSA verifies
 * cheaply); session tokens are Ed25519 (signed at every session start, where RS256 signing cost
 * about 4 ms of CPU).
 */
public enum TokenKind {
    ACCESS(TokenClaims.TYPE_ACCESS, "licensing-access", "RS256"),
    REFRESH(TokenClaims.TYPE_REFRESH, "licensing-refresh", "RS256"),
    SESSION(TokenClaims.TYPE_SESSION, "licensing-session", "EdDSA");

    private final String type;
    private final String audience;
    private final String algorithm;

    TokenKind(String type, String audience, String algorithm) {
        this.type = type;
        this.audience = audience;
        this.algorithm = algorithm;
    }

    /** The {@code typ} claim of this kind's tokens. */
    public String type() {
        return type;
    }

    /** The {@code aud} claim every verifier of this kind requires. */
    public String audience() {
        return audience;
    }

    /** The JWS {@code alg} of this kind; no other is accepted. */
    public String algorithm() {
        return algorithm;
    }

    /** Name in configuration keys: {@code licensing.jwt.<name>.public-keys}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TokenKind fromConfig(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
