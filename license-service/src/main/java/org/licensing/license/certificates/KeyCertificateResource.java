package org.licensing.license.certificates;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimited;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/certificates}: the application's own way to an offline certificate. No token:
 * the license key is the credential, and the device must be bound (not blocked) to that key's
 * license with this HWID, so a key yields certificates for its bound devices only. Rate-limited per
 * client address (group {@code certificates}).
 */
@Path("/api/v1/certificates")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class KeyCertificateResource {

    private final CertificateIssuer issuer;
    private final LicenseSnapshots snapshots;
    private final LicenseKeyHasher hasher;

    public KeyCertificateResource(CertificateIssuer issuer, LicenseSnapshots snapshots, LicenseKeyHasher hasher) {
        this.issuer = issuer;
        this.snapshots = snapshots;
        this.hasher = hasher;
    }

    @POST
    @RateLimited("certificates")
    public Uni<CertificateIssuer.Issued> issue(KeyCertificateRequest body) {
        KeyCertificateRequest req = body == null ? new KeyCertificateRequest(null, null, null, null) : body;
        if (req.licenseKey() == null || req.licenseKey().isBlank()) {
            throw ProblemException.invalidField("license_key", "is required");
        }
        CertificateIssuer.checkRequest(req.deviceId(), req.hwid(), req.validityDays());
        String hash = hasher.hash(hasher.parseOrReject(req.licenseKey(), "license_key"));
        return snapshots.byKeyHash(hash).chain(l -> l == null
                ? Uni.createFrom().failure(ProblemException.notFound(LicenseCodes.LICENSE_NOT_FOUND, "No license has this key"))
                : issuer.issue(l, req.deviceId(), req.hwid(), req.validityDays(), CertificateStore.Issuer.licenseKey()));
    }
}
