package org.licensing.license.certificates;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.LicenseAccess;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/licenses/{id}/certificate}: an Ed25519-signed license certificate for
 * offline use, asked for by a person who may use the license, for one of its bound devices
 * ({@link CertificateIssuer}). Verify with {@code GET /api/v1/keys/public}.
 */
@Path("/api/v1/licenses/{id: \\d+}/certificate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CertificateResource {

    private final CertificateIssuer issuer;
    private final LicenseSnapshots snapshots;
    private final JsonWebToken jwt;

    public CertificateResource(CertificateIssuer issuer, LicenseSnapshots snapshots, JsonWebToken jwt) {
        this.issuer = issuer;
        this.snapshots = snapshots;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
    public Uni<CertificateIssuer.Issued> issue(@PathParam("id") long id, CertificateRequest body) {
        Caller access = Caller.of(jwt);
        CertificateRequest req = body == null ? new CertificateRequest(null, null, null, null) : body;
        CertificateIssuer.checkRequest(req.deviceId(), req.presentedHwid(), req.validityDays());
        return snapshots.byId(id).map(l -> LicenseAccess.requireUse(access, l, id)).chain(l -> issuer.issue(l, req.deviceId(),
                req.presentedHwid(), req.validityDays(), CertificateStore.Issuer.account(access.accountId())));
    }
}
