package org.licensing.license.certificates;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What an offline certificate asserts. Serialized once to JSON; those exact bytes are signed and
 * shipped base64url-encoded, so verifiers never re-serialize. {@code certificate_id} is the id to
 * revoke and to present online; {@code device_id} / {@code device_row_id} name the bound device and
 * {@code device_fingerprint_hash} is the SHA-256 hex of its HWID.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder(alphabetic = true)
public record CertificatePayload(int v, String type, String certificateId, String keyId, long licenseId, long productId,
        String productCode, long sellerId, Long ownerAccountId, String deviceId, long deviceRowId, String deviceFingerprintHash, Entitlements entitlements, String licenseStatus,
        Instant licenseExpiresAt, Instant issuedAt, Instant notAfter) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder(alphabetic = true)
    public record Entitlements(String privilege, String term, String licenseType, int maxDevices, Integer maxSessions,
            Map<String, Long> usageLimits, List<String> domainRestrictions, List<String> ipRestrictions) {}
}
