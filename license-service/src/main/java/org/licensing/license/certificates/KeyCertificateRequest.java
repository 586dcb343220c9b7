package org.licensing.license.certificates;

/**
 * Body of {@code POST /api/v1/certificates} (an application holding the key, no token): the
 * {@code license_key}, the client {@code device_id} bound to that key's license, its {@code hwid}
 * and optionally {@code validity_days}.
 */
public record KeyCertificateRequest(String licenseKey, String deviceId, String hwid, Integer validityDays) {}
