package org.licensing.license.certificates;

/**
 * Body of {@code POST /api/v1/licenses/{id}/certificate}: the device {@code fingerprint} (its
 * SHA-256 goes into the certificate), optionally the client {@code device_id} that must be bound
 * to the license, and {@code validity_days} (capped by configuration and by the license's expiry).
 */
public record CertificateRequest(String fingerprint, String deviceId, Integer validityDays) {}
