package org.licensing.license.validation;

/**
 * Body of {@code POST /api/v1/licenses/validate}. Only {@code key} is required. {@code product} is a
 * product code or id; {@code device_id} is the client's own device identifier, {@code device_row_id}
 * the platform's device id (looked up within the key's license only); {@code certificate_id} the id
 * of an offline certificate, refused once revoked. IP restrictions apply to the address the request
 * came from (through trusted proxies): a body {@code ip} field is not read.
 */
public record ValidationRequest(String key, String product, String deviceId, Long deviceRowId, String domain,
        String certificateId) {}
