package org.licensing.common.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

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
}
