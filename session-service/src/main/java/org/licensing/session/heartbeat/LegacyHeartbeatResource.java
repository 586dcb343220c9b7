package org.licensing.session.heartbeat;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.licensing.common.http.ClientAddress;
import org.licensing.common.input.InputRules;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimited;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requirement 001's {@code POST /api/heartbeat.php} (form fields {@code license_key}, {@code device_id}),
 * kept so deployed clients work unchanged. Answers {@code {"status":"success"|"error"|"blocked","message":...}}.
 */
@Path("/api/heartbeat.php")
public class LegacyHeartbeatResource {

    private final HeartbeatService heartbeats;

    public LegacyHeartbeatResource(HeartbeatService heartbeats) {
        this.heartbeats = heartbeats;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA })
    @Produces(MediaType.APPLICATION_JSON)
    @RateLimited(exempt = true)
    public Uni<Response> beat(@FormParam("license_key") String licenseKey, @FormParam("device_id") String deviceId,
            @HeaderParam(HttpHeaders.USER_AGENT) String userAgent, HttpServerRequest request) {
        InputRules.check("license_key", licenseKey); // 400 problem naming the field, before any look-up
        InputRules.check("device_id", deviceId);
        return heartbeats.beatLegacy(licenseKey, deviceId, ClientAddress.of(request), userAgent)
                .map(answer -> Response.ok(answer, MediaType.APPLICATION_JSON_TYPE).build())
                .onFailure(ProblemException.class).recoverWithItem(f -> {
                    // old clients read only status and message, also when told to slow down
                    ProblemException p = (ProblemException) f;
                    Response.ResponseBuilder b = Response.status(p.status())
                            .entity(LegacyAnswer.error(p.status() == 429 ? "Too many heartbeats; slow down." : p.getMessage()))
                            .type(MediaType.APPLICATION_JSON_TYPE);
                    p.headers().forEach(b::header);
                    return b.build();
                });
    }
}
