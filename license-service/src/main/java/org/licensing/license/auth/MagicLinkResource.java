package org.licensing.license.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.licensing.common.http.ClientAddress;
import org.licensing.license.security.MagicLinkService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Magic-link sign-in for customers: ask for the e-mailed link, then sign in with its token (2FA still applies). */
@Path("/api/v1/auth/magic-link")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MagicLinkResource {

    public record LinkRequest(String email) {}

    public record LinkSignIn(String token) {}

    private final MagicLinkService links;

    public MagicLinkResource(MagicLinkService links) {
        this.links = links;
    }

    @POST
    @PermitAll
    @Operation(summary = "E-mail a customer a single-use sign-in link valid 15 minutes: always 202, registered address or not")
    public Response request(LinkRequest req, @Context HttpServerRequest http) {
        links.request(req == null ? null : req.email(), ClientAddress.of(http));
        return Response.accepted().build();
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    @Operation(summary = "Sign in with the link's token (once): tokens, or {two_factor_required, challenge} with 2FA on"
            + " (then POST /api/v1/auth/sign-in/2fa); X-Refresh-Mode: cookie as for sign-in")
    public Uni<Response> signIn(LinkSignIn req, @HeaderParam(RefreshCookie.MODE_HEADER) String mode, @Context HttpServerRequest http) {
        SignInFlow.Client client = new SignInFlow.Client(ClientAddress.of(http), http.getHeader("User-Agent"));
        return links.signIn(req == null ? null : req.token(), client).map(o -> o.challenge() != null
                ? Response.ok(new SignInFlow.Challenge(true, o.challenge())).build()
                : RefreshCookie.answer(200, o.signedIn(), RefreshCookie.requested(mode)));
    }
}
