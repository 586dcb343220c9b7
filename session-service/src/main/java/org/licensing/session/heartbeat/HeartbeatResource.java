package org.licensing.session.heartbeat;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.licensing.common.ratelimit.RateLimited;

import io.smallrye.mutiny.Uni;

/**
 * {@code POST /api/v1/sessions/heartbeat}: the session token is verified here (no security layer,
 * see {@link SessionTokens}) and the per-device limit is enforced inside the heartbeat script, so
 * the request costs exactly one Redis round trip.
 */
@Path("/api/v1/sessions/heartbeat")
public class HeartbeatResource {

    private final SessionTokens tokens;
    private final HeartbeatService heartbeats;

    public HeartbeatResource(SessionTokens tokens, HeartbeatService heartbeats) {
        this.tokens = tokens;
        this.heartbeats = heartbeats;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RateLimited(exempt = true)
    public Uni<HeartbeatAnswer> beat(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return heartbeats.beat(tokens.sessionId(authorization));
    }
}
