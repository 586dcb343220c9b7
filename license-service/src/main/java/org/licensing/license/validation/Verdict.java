package org.licensing.license.validation;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The validation answer: always HTTP 200, {@code valid} and a stable {@code code}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Verdict(boolean valid, String code, String detail, Long licenseId, Long productId, String status,
        Instant expiresAt, Long deviceRowId, Map<String, Object> limits, Map<String, Long> usage) {}
