package org.licensing.license.certificates;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;

/** Offline certificates ({@code licensing.certificates.*}). */
@ConfigMapping(prefix = "licensing.certificates")
public interface CertificatesConfig {

    /** Hex Ed25519 seed the certificates are signed with ({@code CERTIFICATE_SIGNING_SEED}, a Secret in production). */
    String signingSeed();

    /** Validity when the request names none ({@code CERTIFICATE_VALIDITY}). */
    Duration defaultValidity();

    /** Longest validity a request may ask for ({@code CERTIFICATE_MAX_VALIDITY}). */
    Duration maxValidity();
}
