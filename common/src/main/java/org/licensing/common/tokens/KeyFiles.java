package org.licensing.common.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * Reads key files. A public-key location is a PEM file (one or more {@code PUBLIC KEY} blocks: during a
 * rollover the old and the new key simply sit in one file, or two locations are listed) or a JWKS
 * document. A PEM key's {@code kid} is derived from the key itself (kind + RFC 7638 thumbprint), so
 * the signer and every verifier agree on it without a separate setting; a JWKS key keeps its own.
 */
public final class KeyFiles {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final String[] ALGORITHMS = { "RSA", "Ed25519", "EC" };

    private KeyFiles() {}

    /** Public keys by kid, from a comma-separated list of locations ({@code file:/path} or a path). */
    public static Map<String, PublicKey> publicKeys(TokenKind kind, String locations) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (String location : locations.split(",")) {
            if (location.isBlank()) {
                continue;
            }
            String text = read(location.trim());
            if (text.trim().startsWith("{")) {
                keys.putAll(fromJwks(location, text));
            } else {
                for (byte[] der : pemBlocks(text, "PUBLIC KEY")) {
                    PublicKey key = (PublicKey) decode(der, false, location);
                    keys.put(keyId(kind, key), key);
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException("No public key for " + kind.configName() + " tokens in " + locations);
        }
        return keys;
    }

    /** The private key of a PEM file ({@code PRIVATE KEY}, PKCS#8). */
    public static PrivateKey privateKey(String location) {
        List<byte[]> blocks = pemBlocks(read(location.trim()), "PRIVATE KEY");
        if (blocks.size() != 1) {
            throw new IllegalStateException(location + " must hold exactly one PKCS#8 PRIVATE KEY block");
        }
        return (PrivateKey) decode(blocks.get(0), true, location);
    }

    /** {@code <kind>-<first 16 characters of the RFC 7638 SHA-256 thumbprint>}. */
    public static String keyId(TokenKind kind, PublicKey key) {
        try {
            String thumb = PublicJsonWebKey.Factory.newPublicJwk(key).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
            return kind.configName() + "-" + thumb.substring(0, 16);
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot compute the key id of a " + key.getAlgorithm() + " key", e);
        }
    }

    private static Map<String, PublicKey> fromJwks(String location, String text) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try {
            JsonWebKeySet set = text.contains("\"keys\"") ? new JsonWebKeySet(text)
                    : new JsonWebKeySet(JsonWebKey.Factory.newJwk(text));
            for (JsonWebKey jwk : set.getJsonWebKeys()) {
                if (!(jwk instanceof PublicJsonWebKey pub) || jwk.getKeyId() == null) {
                    throw new IllegalStateException(location + ": every key needs a kid and must be a public key");
                }
                keys.put(jwk.getKeyId(), pub.getPublicKey());
            }
        } catch (JoseException e) {
            throw new IllegalStateException(location + " is not a JWKS document", e);
        }
        return keys;
    }

    static List<byte[]> pemBlocks(String text, String type) {
        List<byte[]> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                blocks.add(Base64.getMimeDecoder().decode(m.group(2)));
            }
        }
        return blocks;
    }

    private static Object decode(byte[] der, boolean isPrivate, String location) {
        for (String algorithm : ALGORITHMS) {
            try {
                KeyFactory factory = KeyFactory.getInstance(algorithm);
                return isPrivate ? factory.generatePrivate(new PKCS8EncodedKeySpec(der))
                        : factory.generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next one
            }
        }
        throw new IllegalStateException(location + ": not an RSA, Ed25519 or EC key");
    }

    private static String read(String location) {
        String path = location.startsWith("file:") ? location.substring("file:".length()) : location;
        try {
            return Files.readString(Path.of(path), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the key file " + path + " (run deploy/local/infra.sh locally)", e);
        }
    }
}
