package org.licensing.license.metering;

/**
 * Body of a usage recording: {@code metric} (api_calls, bandwidth_bytes, storage_bytes) and
 * {@code amount} (default 1; negative only for storage_bytes, to free space). {@code key} only
 * for {@code POST /api/v1/licenses/usage}, where the key is the credential.
 */
public record UsageRequest(String key, String metric, Long amount) {}
