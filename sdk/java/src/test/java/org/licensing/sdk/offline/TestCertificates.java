package org.licensing.sdk.offline;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.licensing.sdk.internal.Json;

/** Certificates signed in the test with a generated Ed25519 key, in the platform's format. */
public final class TestCertificates {

    public final KeyPair keys;

    public TestCertificates() throws Exception {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    public String keyId() {
        return PublicKeys.keyId(keys.getPublic());
    }

    public String publicKeyBase64() {
        return PublicKeys.toBase64(keys.getPublic());
    }

    /** The payload the platform writes (alphabetic keys, snake_case). */
    public Map<String, Object> payload(String hwid, Instant issuedAt, Instant notAfter) {
        Map<String, Object> p = new TreeMap<>();
        p.put("v", 1);
        p.put("type", "license-certificate");
        p.put("key_id", keyId());
        p.put("license_id", 42);
        p.put("product_id", 3);
        p.put("product_code", "API");
        p.put("seller_id", 7);
        p.put("owner_account_id", 9);
        p.put("device_fingerprint_hash", CertificateVerifier.sha256(hwid));
        Map<String, Object> ent = new LinkedHashMap<>();
        ent.put("max_devices", 2);
        ent.put("privilege", "REGULAR");
        p.put("entitlements", ent);
        p.put("license_status", "ACTIVE");
        p.put("issued_at", issuedAt.toString());
        p.put("not_after", notAfter.toString());
        return p;
    }

    public String sign(Map<String, Object> payload) throws Exception {
        return sign(Json.write(payload).getBytes(StandardCharsets.UTF_8), keys);
    }

    public static String sign(byte[] bytes, KeyPair with) throws Exception {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(with.getPrivate());
        s.update(bytes);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(bytes) + "." + b64.encodeToString(s.sign());
    }
}
