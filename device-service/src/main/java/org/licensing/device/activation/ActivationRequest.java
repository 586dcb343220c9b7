package org.licensing.device.activation;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/devices/activate}: a license by key (client apps) or by id (people with a token). */
public record ActivationRequest(
        @Size(max = 256) String licenseKey,
        @Positive Long licenseId,
        @NotBlank @Size(max = 255) @Pattern(regexp = "^[\\x21-\\x7E]+$", message = "printable ASCII without spaces") String deviceId,
        @Size(max = 1024) String hwid,
        @Size(max = 255) String name,
        @Size(max = 255) String userName,
        Map<String, Object> fingerprint,
        @Positive Long productId,
        @Size(max = 32) String productCode) {
}
