package org.licensing.license.expiry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The expiry job ({@code licensing.expiry.*}). */
@ConfigMapping(prefix = "licensing.expiry")
public interface ExpiryConfig {

    /** How often licenses past their expiry move to EXPIRED ({@code LICENSE_EXPIRY_EVERY}); read by the schedule. */
    @WithDefault("60s")
    String every();

    /** Licenses expired per run ({@code LICENSE_EXPIRY_BATCH}). */
    @WithDefault("500")
    int batchSize();
}
