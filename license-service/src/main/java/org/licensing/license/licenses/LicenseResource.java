package org.licensing.license.licenses;

import java.time.Instant;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.licensing.common.auth.Roles;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Issue, redeem, list, read and change licenses. Thin: parse, authorize, call, map. */
@Path("/api/v1/licenses")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LicenseResource {

    public static final int MAX_PAGE_SIZE = 200;

    private final LicenseIssuing issuing;
    private final LicenseRedemption redemption;
    private final LicenseQueries queries;
    private final LicenseChanges changes;
    private final JsonWebToken jwt;

    public LicenseResource(LicenseIssuing issuing, LicenseRedemption redemption, LicenseQueries queries, LicenseChanges changes,
            JsonWebToken jwt) {
        this.issuing = issuing;
        this.redemption = redemption;
        this.queries = queries;
        this.changes = changes;
        this.jwt = jwt;
    }

    public record RedeemRequest(String key) {}

    public record ReasonRequest(String reason) {}

    public record ExtendRequest(Integer days, Instant expiresAt) {}

    public record ReplaceKeyRequest(String key) {}

    @POST
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<Response> issue(LicenseIssuing.IssueRequest req, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        return issuing.issue(caller, body(req), ClientAddress.of(http)).map(i -> Response.status(201).entity(i).build());
    }

    @POST
    @Path("/batch")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<Response> issueBatch(LicenseIssuing.IssueRequest req, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        return issuing.issueBatch(caller, body(req), ClientAddress.of(http)).map(b -> Response.status(201).entity(b).build());
    }

    @POST
    @Path("/redeem")
    @RolesAllowed(Roles.CUSTOMER)
    public Uni<LicenseView> redeem(RedeemRequest req, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        if (req == null || req.key() == null || req.key().isBlank()) {
            throw ProblemException.invalidField("key", "is required");
        }
        return redemption.redeem(caller, req.key(), ClientAddress.of(http));
    }

    @GET
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN, Roles.CUSTOMER })
    public Uni<LicenseQueries.Page> list(@QueryParam("status") String status, @QueryParam("product_id") Long productId,
            @QueryParam("owner_account_id") Long ownerAccountId, @QueryParam("expiring_before") String expiringBefore,
            @Parameter(description = "A whole key, or 2 to 5 of its last characters: keys are stored hashed and encrypted,"
                    + " only their last 5 characters readable") @QueryParam("key") String key,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        Caller caller = Caller.of(jwt);
        if (page < 0) {
            throw ProblemException.invalidField("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalidField("size", "must be 1 to " + MAX_PAGE_SIZE);
        }
        Instant before = null;
        if (expiringBefore != null && !expiringBefore.isBlank()) {
            try {
                before = Instant.parse(expiringBefore.trim());
            } catch (java.time.format.DateTimeParseException e) {
                throw ProblemException.invalidField("expiring_before", "must be an ISO-8601 instant, e.g. 2030-01-01T00:00:00Z");
            }
        }
        return queries.list(caller, new LicenseQueries.Filter(status, productId, ownerAccountId, before, key, page, size));
    }

    @GET
    @Path("/{id: \\d+}")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN, Roles.CUSTOMER })
    public Uni<LicenseView> get(@PathParam("id") long id) {
        return queries.get(Caller.of(jwt), id);
    }

    /** The plain key again: owner, seller and admins only. */
    @GET
    @Path("/{id: \\d+}/key")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN, Roles.CUSTOMER })
    public Uni<Map<String, Object>> key(@PathParam("id") long id) {
        return queries.readKey(Caller.of(jwt), id);
    }

    @PATCH
    @Path("/{id: \\d+}")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<LicenseView> update(@PathParam("id") long id, Map<String, Object> body, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        if (body == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        return changes.update(caller, id, LicenseUpdate.parse(body), ClientAddress.of(http));
    }

    @POST
    @Path("/{id: \\d+}/suspend")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<LicenseView> suspend(@PathParam("id") long id, ReasonRequest req, @Context HttpServerRequest http) {
        return changes.suspend(Caller.of(jwt), id, req == null ? null : req.reason(), ClientAddress.of(http));
    }

    @POST
    @Path("/{id: \\d+}/reinstate")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<LicenseView> reinstate(@PathParam("id") long id, @Context HttpServerRequest http) {
        return changes.reinstate(Caller.of(jwt), id, ClientAddress.of(http));
    }

    @POST
    @Path("/{id: \\d+}/revoke")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<LicenseView> revoke(@PathParam("id") long id, ReasonRequest req, @Context HttpServerRequest http) {
        return changes.revoke(Caller.of(jwt), id, req == null ? null : req.reason(), ClientAddress.of(http));
    }

    @POST
    @Path("/{id: \\d+}/extend")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<LicenseView> extend(@PathParam("id") long id, ExtendRequest req, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        if (req == null) {
            throw ProblemException.invalidField("days", "give either days or expires_at");
        }
        return changes.extend(caller, id, req.days(), req.expiresAt(), ClientAddress.of(http));
    }

    /** Renew is extend under the name sellers use for subscriptions. */
    @POST
    @Path("/{id: \\d+}/renew")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<LicenseView> renew(@PathParam("id") long id, ExtendRequest req, @Context HttpServerRequest http) {
        return extend(id, req, http);
    }

    @POST
    @Path("/{id: \\d+}/replace-key")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<LicenseIssuing.Issued> replaceKey(@PathParam("id") long id, ReplaceKeyRequest req, @Context HttpServerRequest http) {
        return changes.replaceKey(Caller.of(jwt), id, req == null ? null : req.key(), ClientAddress.of(http));
    }

    private static LicenseIssuing.IssueRequest body(LicenseIssuing.IssueRequest req) {
        if (req == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        return req;
    }
}
