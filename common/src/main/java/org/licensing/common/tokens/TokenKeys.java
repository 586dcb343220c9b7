package org.licensing.common.tokens;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.Startup;

/**
 * The token keys of this service, read once at start-up (a missing or mismatched key fails the
 * start, not the first request). {@code licensing.jwt.verifies} lists the kinds this service checks,
 * {@code licensing.jwt.signs} the kinds it signs; each kind's keys come from
 * {@code licensing.jwt.<kind>.public-keys} (comma-separated PEM or JWKS locations) and
 * {@code licensing.jwt.<kind>.signing-key} (a PKCS#8 PEM). A service that does not sign a kind has
 * no private key of it at all: {@link #signer} refuses.
 */
@Startup
@ApplicationScoped
public class TokenKeys {

    private final Map<TokenKind, TokenVerifier> verifiers = new EnumMap<>(TokenKind.class);
    private final Map<TokenKind, TokenSigner> signers = new EnumMap<>(TokenKind.class);

    @Inject
    public TokenKeys(Config config) {
        this(kinds(config.getOptionalValue("licensing.jwt.verifies", String.class).orElse("access")),
                kinds(config.getOptionalValue("licensing.jwt.signs", String.class).orElse("")),
                kind -> config.getOptionalValue("licensing.jwt." + kind.configName() + ".public-keys", String.class),
                kind -> config.getOptionalValue("licensing.jwt." + kind.configName() + ".signing-key", String.class));
    }

    /** For tests: kinds and key locations given directly. */
    public TokenKeys(Set<TokenKind> verifies, Set<TokenKind> signs,
            java.util.function.Function<TokenKind, Optional<String>> publicKeys,
            java.util.function.Function<TokenKind, Optional<String>> signingKeys) {
        for (TokenKind kind : verifies) {
            verifiers.put(kind, new TokenVerifier(kind, KeyFiles.publicKeys(kind, publicKeys.apply(kind)
                    .orElseThrow(() -> missing("licensing.jwt." + kind.configName() + ".public-keys")))));
        }
        for (TokenKind kind : signs) {
            TokenVerifier published = verifiers.get(kind);
            if (published == null) {
                throw new IllegalStateException("A service that signs " + kind.configName()
                        + " tokens verifies them too: add it to licensing.jwt.verifies");
            }
            String location = signingKeys.apply(kind)
                    .orElseThrow(() -> missing("licensing.jwt." + kind.configName() + ".signing-key"));
            signers.put(kind, new TokenSigner(kind, KeyFiles.privateKey(location), published.keys()));
        }
    }

    public TokenVerifier verifier(TokenKind kind) {
        TokenVerifier v = verifiers.get(kind);
        if (v == null) {
            throw new IllegalStateException("This service does not verify " + kind.configName() + " tokens");
        }
        return v;
    }

    public boolean verifies(TokenKind kind) {
        return verifiers.containsKey(kind);
    }

    public TokenSigner signer(TokenKind kind) {
        TokenSigner s = signers.get(kind);
        if (s == null) {
            throw new IllegalStateException("This service holds no " + kind.configName() + " signing key");
        }
        return s;
    }

    static Set<TokenKind> kinds(String list) {
        Set<TokenKind> kinds = EnumSet.noneOf(TokenKind.class);
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                kinds.add(TokenKind.fromConfig(name));
            }
        }
        return kinds;
    }

    private static IllegalStateException missing(String property) {
        return new IllegalStateException(property + " is not set");
    }
}
