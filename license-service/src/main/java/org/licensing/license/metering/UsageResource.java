package org.licensing.license.metering;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.LicenseAccess;
import org.licensing.common.auth.Roles;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;

/**
 * Usage metering by license id (requirement 004): needs a token of the seller, an admin or the
 * owner ({@link UsageByKeyResource} takes the key instead). A
 * recording that would pass a limit is refused with 429 {@code LicenseCodes.USAGE_LIMIT_EXCEEDED} and
 * {@code Retry-After} until the window resets; nothing is counted then.
 */
@Path("/api/v1/licenses/{id: \\d+}/usage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsageResource {


    private final UsageMeter meter;
    private final LicenseSnapshots snapshots;
    private final JsonWebToken jwt;

    public UsageResource(UsageMeter meter, LicenseSnapshots snapshots, JsonWebToken jwt) {
        this.meter = meter;
        this.snapshots = snapshots;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
    public Uni<UsageReport> recordById(@PathParam("id") long id, UsageRequest body) {
        Caller access = Caller.of(jwt);
        return snapshots.byId(id).map(l -> LicenseAccess.requireUse(access, l, id)).chain(l -> record(meter, l, body));
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
    public Uni<UsageReport> read(@PathParam("id") long id) {
        Caller access = Caller.of(jwt);
        return snapshots.byId(id).map(l -> LicenseAccess.requireUse(access, l, id))
                .chain(l -> meter.read(l, false).map(r -> UsageReport.of(l.id(), null, r)));
    }

    static Uni<UsageReport> record(UsageMeter meter, LicenseSnapshot l, UsageRequest body) {
        if (body == null || body.metric() == null || body.metric().isBlank()) {
            throw ProblemException.invalidField("metric", "is required (api_calls, bandwidth_bytes or storage_bytes)");
        }
        UsageMetric metric = UsageMetric.fromLabel(body.metric()).orElseThrow(() -> ProblemException.invalidField("metric",
                "must be one of api_calls, bandwidth_bytes, storage_bytes"));
        long amount = body.amount() == null ? 1 : body.amount();
        if (amount == 0 || (amount < 0 && !metric.isGauge())) {
            throw ProblemException.invalidField("amount", metric.isGauge() ? "must not be 0" : "must be positive");
        }
        if (!l.isUsableAt(Instant.now())) {
            throw ProblemException.conflict(LicenseCodes.LICENSE_NOT_USABLE, "The license is " + (l.isActive() ? "EXPIRED" : l.status())
                    + "; usage cannot be recorded").withExtension("license_status", l.status());
        }
        return meter.record(l, metric, amount).map(rec -> {
            if (!rec.accepted()) {
                UsageLimits.Counter c = rec.refusedBy();
                ProblemException p = new ProblemException(429, LicenseCodes.USAGE_LIMIT_EXCEEDED, "Usage limit " + c.limitKey() + " ("
                        + c.limit() + ") would be exceeded").withExtension("limit_key", c.limitKey())
                        .withExtension("limit", c.limit()).withExtension("used", rec.readings().get(0).used());
                if (c.resetsAt() != null) {
                    long seconds = Math.max(1, Duration.between(Instant.now(), c.resetsAt()).toSeconds() + 1);
                    p = p.withHeader("Retry-After", Long.toString(seconds)).withExtension("resets_at", c.resetsAt().toString());
                }
                throw p;
            }
            return UsageReport.of(l.id(), true, rec.readings());
        });
    }
}
