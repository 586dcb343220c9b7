package org.licensing.session.sessions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.ratelimit.RateLimited;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Client sessions: start with a license key and an activated device, sign out with the session token. */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    private final SessionService sessions;
    private final ForcedEnd forcedEnd;
    private final JsonWebToken jwt;

    public SessionResource(SessionService sessions, ForcedEnd forcedEnd, JsonWebToken jwt) {
        this.sessions = sessions;
        this.forcedEnd = forcedEnd;
        this.jwt = jwt;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimited("session-start")
    public Uni<Response> start(@Valid @NotNull StartSessionRequest request, HttpServerRequest http,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent) {
        return sessions.start(request, ClientAddress.of(http), userAgent)
                .map(s -> Response.status(Response.Status.CREATED).entity(s).build());
    }

    /** Sign-out: ends the session of the presented token (its jti is blacklisted). */
    @DELETE
    @Path("/current")
    @RolesAllowed(Roles.CLIENT)
    public Uni<SessionEnded> signOut() {
        Object sid = jwt.getClaim(TokenClaims.SESSION_ID);
        if (sid == null) {
            throw new org.licensing.common.problem.ProblemException(401, SessionProblems.INVALID_SESSION_TOKEN,
                    "This is not a session token");
        }
        Object lic = jwt.getClaim(TokenClaims.LICENSE_ID);
        if (lic == null) {
            throw new org.licensing.common.problem.ProblemException(401, SessionProblems.INVALID_SESSION_TOKEN,
                    "This is not a session token");
        }
        return sessions.signOut(text(sid), Long.parseLong(text(lic)));
    }

    private static String text(Object claim) {
        return claim instanceof jakarta.json.JsonString js ? js.getString() : claim.toString();
    }

    /** The license's seller (or an admin) ends a client's session, freeing its seat. */
    @DELETE
    @Path("/{id}")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<SessionEnded> end(@PathParam("id") String id) {
        java.util.UUID sessionId;
        try {
            sessionId = java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw org.licensing.common.problem.ProblemException.invalidField("id", "must be a session id (a UUID)");
        }
        return forcedEnd.end(org.licensing.common.auth.Caller.ofAnyToken(jwt), sessionId);
    }
}
