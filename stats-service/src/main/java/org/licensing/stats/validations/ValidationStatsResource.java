package org.licensing.stats.validations;

import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;
import org.licensing.stats.StatsCodes;
import org.licensing.stats.access.StatsAccess;
import org.licensing.stats.usage.UsageRepository;
import org.licensing.stats.usage.UsageResource;

import io.smallrye.mutiny.Uni;

/** Validations per day, valid vs refused, of a seller (all its licenses) or of one license. Thin: authorize, read. */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
public class ValidationStatsResource {

    private final JsonWebToken jwt;
    private final ValidationRepository validations;
    private final UsageRepository ownership;

    public ValidationStatsResource(JsonWebToken jwt, ValidationRepository validations, UsageRepository ownership) {
        this.jwt = jwt;
        this.validations = validations;
        this.ownership = ownership;
    }

    @GET
    @Path("/sellers/{id}/validations")
    public Uni<DailyValidations> seller(@PathParam("id") long sellerId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        if (!StatsAccess.canReadSeller(StatsAccess.caller(jwt), sellerId)) {
            throw ProblemException.forbidden("Only the seller itself and administrators read a seller's validations");
        }
        LocalDate[] range = UsageResource.range(from, to);
        return validations.daily(ValidationRepository.SELLER, sellerId, range[0], range[1]);
    }

    @GET
    @Path("/licenses/{id}/validations")
    public Uni<DailyValidations> license(@PathParam("id") long licenseId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Caller caller = StatsAccess.caller(jwt);
        LocalDate[] range = UsageResource.range(from, to);
        return ownership.license(licenseId).chain(l -> {
            if (l.isEmpty()) {
                throw ProblemException.notFound(StatsCodes.LICENSE_NOT_FOUND, "No license " + licenseId);
            }
            if (!StatsAccess.canReadLicense(caller, l.get())) {
                throw ProblemException.forbidden("You may not read the statistics of license " + licenseId);
            }
            return validations.daily(ValidationRepository.LICENSE, licenseId, range[0], range[1]);
        });
    }
}
