package org.licensing.license.certificates;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.inject.Inject;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Ed25519 (JDK built-in) signer of offline license certificates. The key pair is derived from a
 * 32-byte seed ({@code licensing.certificates.signing-seed}, hex; env {@code CERTIFICATE_SIGNING_SEED}
 * in production), so every instance signs with the same key and the public key stays stable
 * across restarts. Never commit a production seed.
 */
@ApplicationScoped
public class CertificateSigner {

    public static final String ALGORITHM = "Ed25519";

    private final KeyPair keyPair;
    private final String keyId;

    @Inject
    public CertificateSigner(CertificatesConfig config) {
        this(config.signingSeed());
    }

    public CertificateSigner(String seedHex) {
        this.keyPair = fromSeed(parseSeed(seedHex));
        this.keyId = keyIdOf(keyPair.getPublic());
    }

    static byte[] parseSeed(String hex) {
        byte[] seed;
        try {
            seed = HexFormat.of().parseHex(hex.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("licensing.certificates.signing-seed must be 64 hex digits", e);
        }
        if (seed.length != 32) {
            throw new IllegalStateException("licensing.certificates.signing-seed must be 32 bytes (64 hex digits)");
        }
        return seed;
    }

    /** The JDK derives an Ed25519 key pair from 32 random bytes: hand it the seed as those bytes. */
    static KeyPair fromSeed(byte[] seed) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance(ALGORITHM);
            gen.initialize(NamedParameterSpec.ED25519, new SecureRandom() {
                private static final long serialVersionUID = 1L;

                @Override
                public void nextBytes(byte[] bytes) {
                    System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
                }
            });
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
    }

    static String keyIdOf(PublicKey key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(keyPair.getPrivate());
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String keyId() {
        return keyId;
    }

    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** X.509 SubjectPublicKeyInfo DER, base64. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keyPair.getPublic().getEncoded());
    }

    /** The raw 32-byte key (last bytes of the SPKI encoding), base64: what libsodium/tweetnacl take. */
    public String publicKeyRawBase64() {
        byte[] spki = keyPair.getPublic().getEncoded();
        byte[] raw = new byte[32];
        System.arraycopy(spki, spki.length - 32, raw, 0, 32);
        return Base64.getEncoder().encodeToString(raw);
    }

    public String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n" + publicKeyBase64() + "\n-----END PUBLIC KEY-----\n";
    }
}
