package org.licensing.device.resets;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/devices/reset}: unbind all bound devices of a license, or only the listed device row ids. */
public record ResetRequest(@NotNull @Positive Long licenseId, @Size(max = 1000) List<@NotNull @Positive Long> deviceIds) {}
