package org.licensing.session.sessions;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/sessions}. */
public record StartSessionRequest(
        @NotBlank @Size(max = 255) String licenseKey,
        @NotBlank @Size(max = 255) String deviceId,
        @NotBlank @Size(max = 50) String clientVersion,
        @Size(max = 10) @Pattern(regexp = "[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,4})?", message = "must be a language tag such as en or pt-BR") String language,
        Map<String, Object> sessionData) {
}
