package org.licensing.license.licenses;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How keys are minted and stored ({@code licensing.keys.*}). */
@ConfigMapping(prefix = "licensing.keys")
public interface KeysConfig {

    /** Platform prefix of segmented keys ({@code LICENSE_KEY_PLATFORM}). */
    @WithDefault("LMP")
    String platform();

    /** Base64 AES-256 key for the encrypted copies of keys and TOTP secrets ({@code LICENSE_KEY_ENCRYPTION_KEY}). */
    String encryptionKey();

    /** Secret of the keys' HMAC index hashes; read by common's {@code LicenseKeyHasher}, mapped here so the prefix is whole. */
    String hashSecret();

    /** Secret of the checksummed keys' check digits; read by common's {@code LicenseKeyHasher} as well. */
    String checksumSecret();
}
