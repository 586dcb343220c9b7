package org.licensing.sdk.offline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import org.licensing.sdk.internal.Json;
import org.licensing.sdk.internal.Values;

/**
 * An offline certificate: {@code base64url(payload JSON) "." base64url(Ed25519 signature)}. The
 * signature covers the payload bytes exactly as sent, so they are kept, never re-serialized.
 * Reading one proves nothing: {@link CertificateVerifier} does.
 */
public record LicenseCertificate(String token, byte[] payloadBytes, byte[] signature, Map<String, Object> payload) {

    /** Splits and decodes; {@link IllegalArgumentException} when it is not a certificate's shape. */
    public static LicenseCertificate parse(String token) {
        if (token == null) {
            throw new IllegalArgumentException("no certificate");
        }
        String t = token.trim();
        int dot = t.indexOf('.');
        if (dot <= 0 || dot != t.lastIndexOf('.') || dot == t.length() - 1) {
            throw new IllegalArgumentException("a certificate is two base64url parts joined by a dot");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        byte[] payload = b64.decode(t.substring(0, dot));
        byte[] sig = b64.decode(t.substring(dot + 1));
        return new LicenseCertificate(t, payload, sig, Json.parseObject(new String(payload, StandardCharsets.UTF_8)));
    }

    /** The platform's record of this certificate ({@code validate} with it online to learn of a revocation). */
    public String certificateId() {
        return Values.str(payload, "certificate_id");
    }

    /** The client's device id it was issued to. */
    public String deviceId() {
        return Values.str(payload, "device_id");
    }

    public String keyId() {
        return Values.str(payload, "key_id");
    }

    public Long licenseId() {
        return Values.lng(payload, "license_id");
    }

    public String productCode() {
        return Values.str(payload, "product_code");
    }

    public String deviceFingerprintHash() {
        return Values.str(payload, "device_fingerprint_hash");
    }

    public String licenseStatus() {
        return Values.str(payload, "license_status");
    }

    public Instant issuedAt() {
        return Values.instant(payload, "issued_at");
    }

    public Instant notAfter() {
        return Values.instant(payload, "not_after");
    }

    public Instant licenseExpiresAt() {
        return Values.instant(payload, "license_expires_at");
    }

    /** privilege, term, license_type, max_devices, max_sessions, usage_limits, domain and IP restrictions. */
    public Map<String, Object> entitlements() {
        Map<String, Object> e = Values.obj(payload, "entitlements");
        return e == null ? Map.of() : e;
    }
}
