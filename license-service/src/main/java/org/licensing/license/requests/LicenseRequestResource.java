package org.licensing.license.requests;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Customers ask (extension, transfer); sellers and admins decide. */
@Path("/api/v1/licenses/requests")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LicenseRequestResource {

    private final LicenseRequestService requests;
    private final JsonWebToken jwt;

    public LicenseRequestResource(LicenseRequestService requests, JsonWebToken jwt) {
        this.requests = requests;
        this.jwt = jwt;
    }

    public record Decision(String note) {}

    @POST
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<Response> create(LicenseRequestService.NewRequest req, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        if (req == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        return requests.create(caller, req, ClientAddress.of(http)).map(r -> Response.status(201).entity(r).build());
    }

    @GET
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN, Roles.CUSTOMER })
    public Uni<List<LicenseRequest>> list(@QueryParam("status") String status) {
        return requests.list(Caller.of(jwt), status);
    }

    @POST
    @Path("/{id: \\d+}/approve")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<LicenseRequest> approve(@PathParam("id") long id, Decision d, @Context HttpServerRequest http) {
        return requests.approve(Caller.of(jwt), id, d == null ? null : d.note(), ClientAddress.of(http));
    }

    @POST
    @Path("/{id: \\d+}/refuse")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<LicenseRequest> refuse(@PathParam("id") long id, Decision d, @Context HttpServerRequest http) {
        return requests.refuse(Caller.of(jwt), id, d == null ? null : d.note(), ClientAddress.of(http));
    }
}
