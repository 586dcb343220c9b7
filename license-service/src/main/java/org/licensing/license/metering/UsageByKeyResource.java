package org.licensing.license.metering;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.licensing.common.keys.LicenseKeyHasher;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;

/** {@code POST /api/v1/licenses/usage}: usage recorded by a client holding the key (no token). */
@Path("/api/v1/licenses/usage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsageByKeyResource {

    private final UsageMeter meter;
    private final LicenseSnapshots snapshots;
    private final LicenseKeyHasher hasher;

    public UsageByKeyResource(UsageMeter meter, LicenseSnapshots snapshots, LicenseKeyHasher hasher) {
        this.meter = meter;
        this.snapshots = snapshots;
        this.hasher = hasher;
    }

    @POST
    public Uni<UsageReport> record(UsageRequest body) {
        if (body == null || body.key() == null || body.key().isBlank()) {
            throw ProblemException.invalidField("key", "is required");
        }
        String hash = hasher.hash(hasher.parseOrReject(body.key(), "key"));
        return snapshots.byKeyHash(hash).chain(l -> {
            if (l == null) {
                return Uni.createFrom().failure(ProblemException.notFound(LicenseCodes.LICENSE_NOT_FOUND, "No license has this key"));
            }
            return UsageResource.record(meter, l, body);
        });
    }
}
