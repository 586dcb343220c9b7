package org.licensing.common.input;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.licensing.common.problem.Problem;
import org.licensing.common.problem.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies {@link RequestLineRules} to every request of the service (REST resources and plain
 * Vert.x routes alike) before routing, authentication or any look-up: a NUL or a bad escape in
 * the path or query is a 400 naming the parameter, never a database error.
 */
@ApplicationScoped
public class RequestLineGuard {

    /** Before every Quarkus handler but the request timer and the access log. */
    static final int ORDER = -1000;

    private final ObjectMapper json;

    public RequestLineGuard(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext ctx) {
        ProblemException refusal = RequestLineRules.refusal(ctx.request().uri());
        if (refusal == null) {
            ctx.next();
            return;
        }
        try {
            ctx.response().setStatusCode(refusal.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(io.vertx.core.buffer.Buffer.buffer(json.writeValueAsBytes(Problem.body(refusal))));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
    }
}
