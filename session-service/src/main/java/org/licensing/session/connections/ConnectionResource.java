package org.licensing.session.connections;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;
import org.licensing.session.sessions.SessionProblems;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Remote connections (requirement 002): start, report traffic, end, list a device's connections. */
@Path("/api/v1/connections")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER, Roles.CLIENT })
public class ConnectionResource {

    private final ConnectionService connections;
    private final JsonWebToken jwt;

    public ConnectionResource(ConnectionService connections, JsonWebToken jwt) {
        this.connections = connections;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> start(@Valid @NotNull StartConnectionRequest request, HttpServerRequest http) {
        return connections.start(Caller.ofAnyToken(jwt), request, ClientAddress.of(http))
                .map(c -> Response.status(Response.Status.CREATED).entity(c).build());
    }

    @GET
    @Path("/{id}")
    public Uni<Connection> get(@PathParam("id") String id) {
        return connections.get(Caller.ofAnyToken(jwt), uuid(id));
    }

    /** Adds the bytes transferred since the previous report. */
    @POST
    @Path("/{id}/traffic")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Connection> traffic(@PathParam("id") String id, @Valid @NotNull TrafficReport report) {
        return connections.addTraffic(Caller.ofAnyToken(jwt), uuid(id), report.bytes());
    }

    /** Ends the connection; an optional final traffic report is added first. */
    @POST
    @Path("/{id}/end")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    public Uni<Connection> end(@PathParam("id") String id, @Valid EndReport report, HttpServerRequest http) {
        long bytes = report == null || report.bytes() == null ? 0 : report.bytes();
        return connections.end(Caller.ofAnyToken(jwt), uuid(id), bytes, ClientAddress.of(http));
    }

    @GET
    public Uni<List<Connection>> ofDevice(@QueryParam("device_id") Long deviceId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (deviceId == null) {
            throw ProblemException.invalidField("device_id", "must not be null");
        }
        return connections.ofDevice(Caller.ofAnyToken(jwt), deviceId, limit, offset);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound(SessionProblems.CONNECTION_NOT_FOUND, "No connection " + id);
        }
    }
}
