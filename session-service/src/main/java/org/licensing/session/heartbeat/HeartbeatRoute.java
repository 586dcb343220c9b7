package org.licensing.session.heartbeat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.Problem;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/sessions/heartbeat}, the hottest route of the platform, as a plain Vert.x
 * route rather than a REST resource: the REST layer's per-request work (resource matching,
 * filters, writer selection) cost as much as the rest of the heartbeat. The session token is
 * verified here (see {@link SessionTokens}: forgeries are refused before any signature check), the
 * client address's block and limit and the per-device limit are enforced inside the heartbeat script,
 * and the request costs exactly one Redis round trip. Answers and refusals have the same
 * shapes as every other endpoint (snake_case JSON, problem+json); documented in
 * {@code META-INF/openapi.yaml}.
 */
@ApplicationScoped
public class HeartbeatRoute {

    public static final String PATH = "/api/v1/sessions/heartbeat";
    private static final Logger LOG = Logger.getLogger(HeartbeatRoute.class);
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence PROBLEM_JSON = HttpHeaders.createOptimized(Problem.MEDIA_TYPE);

    private final SessionTokens tokens;
    private final HeartbeatService heartbeats;
    private final ObjectMapper json;

    public HeartbeatRoute(SessionTokens tokens, HeartbeatService heartbeats, ObjectMapper json) {
        this.tokens = tokens;
        this.heartbeats = heartbeats;
        this.json = json;
    }

    void register(@Observes Router router) {
        router.post(PATH).handler(this::beat);
    }

    void beat(RoutingContext ctx) {
        SessionTokens.Verified session;
        try {
            session = tokens.verified(ctx.request().getHeader(HttpHeaders.AUTHORIZATION));
        } catch (ProblemException e) {
            refuse(ctx.response(), e);
            return;
        }
        heartbeats.beat(session, ClientAddress.of(ctx.request())).subscribe().with(answer -> write(ctx.response(), 200, JSON, answer),
                failure -> refuse(ctx.response(), failure));
    }

    private void refuse(HttpServerResponse response, Throwable failure) {
        ProblemException problem;
        if (failure instanceof ProblemException p) {
            problem = p;
        } else {
            // Redis unreachable or slow: the client keeps its session and beats again
            LOG.warnf("Heartbeat failed: %s", failure.toString());
            problem = new ProblemException(503, ProblemCodes.SERVICE_UNAVAILABLE,
                    "The session store is unavailable; beat again shortly").withHeader("Retry-After", "5");
        }
        problem.headers().forEach(response::putHeader);
        write(response, problem.status(), PROBLEM_JSON, Problem.body(problem));
    }

    private void write(HttpServerResponse response, int status, CharSequence contentType, Object body) {
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // records and maps of plain values always serialise
        }
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, contentType).end(Buffer.buffer(bytes));
    }
}
