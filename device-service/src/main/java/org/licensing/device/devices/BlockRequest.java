package org.licensing.device.devices;

import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /api/v1/devices/{id}/block}. */
public record BlockRequest(@Size(max = 255) String reason) {}
