package org.licensing.common.keys;

import java.util.HexFormat;


import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.problem.ProblemCodes;

/**
 * Keys are never stored in plain text: look-ups go by HMAC-SHA256(hash secret, normalized key),
 * so a database dump alone gives no usable key. Every service that receives a key uses this.
 */
@ApplicationScoped
public class LicenseKeyHasher {


    private final String hashSecret;
    private final String checksumSecret;

    public LicenseKeyHasher(@ConfigProperty(name = "licensing.keys.hash-secret") String hashSecret,
            @ConfigProperty(name = "licensing.keys.checksum-secret") String checksumSecret) {
        this.hashSecret = hashSecret;
        this.checksumSecret = checksumSecret;
    }

    /** Parses the key (format and checksum first) or fails with a 400 {@code ProblemCodes.MALFORMED_KEY} problem. */
    public LicenseKeyFormat.ParsedKey parseOrReject(String rawKey, String field) {
        try {
            return LicenseKeyFormat.parse(rawKey, checksumSecret);
        } catch (LicenseKeyFormat.MalformedKeyException e) {
            throw new ProblemException(400, ProblemCodes.MALFORMED_KEY, e.getMessage(),
                    java.util.List.of(new ProblemException.FieldError(field, e.getMessage())), java.util.Map.of(),
                    java.util.Map.of());
        }
    }

    public String hash(LicenseKeyFormat.ParsedKey key) {
        return hashNormalized(key.normalized());
    }

    public String hashNormalized(String normalizedKey) {
        return HexFormat.of().formatHex(HmacSha256.of(hashSecret, normalizedKey));
    }

    public String checksumSecret() {
        return checksumSecret;
    }
}
