package org.licensing.license.certificates;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.LicenseAccess;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;

/**
 * The certificates of a license: {@code GET /api/v1/licenses/{id}/certificates} lists them (newest
 * first), {@code DELETE .../certificates/{certificate_id}} or {@code POST .../revoke} revokes one.
 * Anyone who may use the license may do both (the owner revokes the certificate of a lost machine).
 */
@Path("/api/v1/licenses/{id: \\d+}/certificates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
public class LicenseCertificatesResource {

    public record RevokeRequest(String reason) {}

    public static final int MAX_REASON = 255;

    private final CertificateStore store;
    private final LicenseSnapshots snapshots;
    private final JsonWebToken jwt;

    public LicenseCertificatesResource(CertificateStore store, LicenseSnapshots snapshots, JsonWebToken jwt) {
        this.store = store;
        this.snapshots = snapshots;
        this.jwt = jwt;
    }

    @GET
    public Uni<List<CertificateRecord>> list(@PathParam("id") long id) {
        Caller access = Caller.of(jwt);
        return snapshots.byId(id).map(l -> LicenseAccess.requireUse(access, l, id)).chain(l -> store.list(l.id()));
    }

    @DELETE
    @Path("/{certificate_id}")
    public Uni<CertificateRecord> delete(@PathParam("id") long id, @PathParam("certificate_id") String certificateId) {
        return revoke(id, certificateId, null);
    }

    @POST
    @Path("/{certificate_id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<CertificateRecord> revoke(@PathParam("id") long id, @PathParam("certificate_id") String certificateId,
            RevokeRequest body) {
        Caller access = Caller.of(jwt);
        UUID cid = parseId(certificateId);
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().trim();
        if (reason != null && reason.length() > MAX_REASON) {
            throw ProblemException.invalidField("reason", "must be at most " + MAX_REASON + " characters");
        }
        return snapshots.byId(id).map(l -> LicenseAccess.requireUse(access, l, id))
                .chain(l -> store.revoke(l.id(), cid, access.accountId(), reason))
                .map(c -> {
                    if (c == null) {
                        throw ProblemException.notFound(LicenseCodes.CERTIFICATE_NOT_FOUND, "No certificate " + certificateId + " of license " + id);
                    }
                    return c;
                });
    }

    /** Certificate ids are UUIDs; anything else is a 404 like an unknown one (not a 500 from PostgreSQL). */
    static UUID parseId(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(LicenseCodes.CERTIFICATE_NOT_FOUND, "No certificate " + raw);
        }
    }
}
