package org.licensing.session.connections;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/v1/connections}. A client session may omit {@code local_device_id} (its own device). */
public record StartConnectionRequest(
        @Positive Long localDeviceId,
        @NotNull @Positive Long remoteDeviceId,
        @NotBlank @Size(max = 50) @Pattern(regexp = "[A-Za-z0-9_.-]+", message = "letters, digits, '_', '.' or '-'") String connectionType) {
}
