package org.licensing.license.licenses;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of license issuing ({@code licensing.licenses.*}). */
@ConfigMapping(prefix = "licensing.licenses")
public interface LicensesConfig {

    /** Most licenses one batch request issues ({@code LICENSE_MAX_BATCH}). */
    @WithDefault("1000")
    int maxBatch();
}
