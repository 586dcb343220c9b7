package org.licensing.device.activation;

import org.licensing.device.anomalies.Location;

/** A validated activation: the license is already identified; the HWID is already hashed. */
public record ActivationCommand(long licenseId, String deviceId, String hwidHash, String name, String userName,
        String fingerprintJson, Location location, String userAgent, Long productId, String productCode,
        Long actorId, String source) {}
