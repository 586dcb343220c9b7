package org.licensing.common.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Fresh key pairs of a kind's algorithm, written as the PEM files deploy/local/token-keys.sh makes. */
final class TestKeys {

    private TestKeys() {}

    static KeyPair generate(TokenKind kind) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(kind == TokenKind.SESSION ? "Ed25519" : "RSA");
            if (kind != TokenKind.SESSION) {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static Path write(Path dir, String name, String... pems) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, String.join("", pems));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    /** Session-token keys of one pair, written as the files TokenKeys reads (public and private). */
    static TokenKeys sessionKeys(Path dir, KeyPair pair) {
        Path pub = write(dir, "s.pem", publicPem(pair));
        Path key = write(dir, "s.key", privatePem(pair));
        return new TokenKeys(EnumSet.of(TokenKind.SESSION), EnumSet.of(TokenKind.SESSION),
                k -> Optional.of("file:" + pub), k -> Optional.of("file:" + key));
    }

    /** The claims session-service puts in a session token, issued at {@code iat} for an hour. */
    static Map<String, Object> sessionClaims(long iat) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", "7");
        c.put("groups", List.of("CLIENT"));
        c.put("sid", UUID.randomUUID().toString());
        c.put("lic", 12L);
        c.put("dev", 34L);
        c.put("jti", UUID.randomUUID().toString());
        c.put("iat", iat);
        c.put("exp", iat + 3600);
        return c;
    }
}
