package org.licensing.license.validation;

/**
 * Body of {@code POST /api/v1/licenses/validate}. Only {@code key} is required. {@code product} is a
 * product code or id; {@code device_id} is the client's own device identifier, {@code device_row_id}
 * the platform's device id; {@code ip} defaults to the caller's address.
 */
public record ValidationRequest(String key, String product, String deviceId, Long deviceRowId, String domain, String ip) {}
