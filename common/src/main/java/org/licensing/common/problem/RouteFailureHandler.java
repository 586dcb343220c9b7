package org.licensing.common.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;
import org.licensing.common.input.RequestLineRules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures that never reach the REST exception mappers, because they happen while Vert.x streams
 * the request body in (the form parser's 413 for an oversized field, a truncated multipart body,
 * a connection that breaks mid-body), still leave as problem+json: 4xx for what the client sent,
 * 503 for a missing dependency, 500 without a stack trace for the rest. Runs before Quarkus'
 * own error page.
 */
@ApplicationScoped
public class RouteFailureHandler {

    private static final Logger LOG = Logger.getLogger(RouteFailureHandler.class);

    private final ObjectMapper json;

    public RouteFailureHandler(ObjectMapper json) {
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(-1000).failureHandler(this::handle);
        // Failures of route matching itself (an undecodable query or path) skip every failure
        // handler and would leave as an empty 400: the router's error handlers catch those.
        for (int status : new int[] { 400, 404, 405, 500 }) {
            router.errorHandler(status, this::handle);
        }
    }

    void handle(RoutingContext ctx) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return; // a later chunk of a body already refused
        }
        if (isSecurityFailure(ctx.failure())) {
            ctx.next(); // Quarkus' own authentication failure handling answers 401/403 with its challenge
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ProblemException problem = problemOf(ctx);
        if (problem.status() >= 500 && problem.status() != 503) {
            LOG.errorf(ctx.failure(), "Request to %s failed", ctx.request().path());
        }
        try {
            ctx.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
            problem.headers().forEach(ctx.response()::putHeader);
            if (problem.status() == 413 || problem.status() == 400) {
                // the rest of the body is not read: do not keep a connection with bytes in flight
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            ctx.response().end(Buffer.buffer(json.writeValueAsBytes(Problem.body(problem))));
        } catch (JsonProcessingException e) {
            ctx.response().setStatusCode(500).end();
        }
    }

    /** By class name: the security exceptions may come from another class loader than this class. */
    static boolean isSecurityFailure(Throwable failure) {
        for (Class<?> c = failure == null ? null : failure.getClass(); c != null; c = c.getSuperclass()) {
            switch (c.getName()) {
                case "io.quarkus.security.AuthenticationFailedException", "io.quarkus.security.UnauthorizedException",
                        "io.quarkus.security.AuthenticationCompletionException", "io.quarkus.security.ForbiddenException":
                    return true;
                default:
            }
        }
        return false;
    }

    ProblemException problemOf(RoutingContext ctx) {
        if (ctx.statusCode() == 400 || ctx.failure() instanceof IllegalArgumentException) {
            ProblemException requestLine = RequestLineRules.refusal(ctx.request().uri());
            if (requestLine != null) {
                return requestLine;
            }
        }
        return problemOf(ctx.failure(), ctx.statusCode());
    }

    static ProblemException problemOf(Throwable failure, int statusCode) {
        if (failure instanceof ProblemException p) {
            return p;
        }
        // Proactive authentication fails the route (a malformed, expired or revoked bearer token)
        if (failure instanceof io.quarkus.security.AuthenticationFailedException
                || failure instanceof io.quarkus.security.UnauthorizedException
                || failure instanceof io.quarkus.security.AuthenticationCompletionException) {
            return new ProblemException(401, ProblemCodes.UNAUTHORIZED, "The bearer token is invalid, expired or revoked")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        if (failure instanceof io.quarkus.security.ForbiddenException) {
            return new ProblemException(403, ProblemCodes.FORBIDDEN, "Your role does not allow this operation");
        }
        if (failure instanceof io.vertx.ext.web.handler.HttpException he && he.getStatusCode() >= 400 && he.getStatusCode() < 500) {
            return new ProblemException(he.getStatusCode(), he.getStatusCode() == 404 ? ProblemCodes.NOT_FOUND
                    : he.getStatusCode() == 405 ? ProblemCodes.METHOD_NOT_ALLOWED : ProblemCodes.VALIDATION_FAILED,
                    "The request was refused");
        }
        if (failure instanceof WebApplicationException wae && wae.getResponse() != null) {
            int status = wae.getResponse().getStatus();
            if (status == 413) {
                return new ProblemException(413, ProblemCodes.BODY_TOO_LARGE, "The request body or one of its fields is too large");
            }
            if (status >= 400 && status < 500) {
                return new ProblemException(status, status == 400 ? ProblemCodes.VALIDATION_FAILED : "HTTP_" + status,
                        "The request was refused");
            }
        }
        if (failure != null && FormFailures.isMalformedForm(failure)) {
            return FormFailures.refusal(failure);
        }
        if (failure != null && DependencyFailures.isUnavailable(failure)) {
            return DependencyFailures.unavailable();
        }
        if (failure == null && statusCode >= 400 && statusCode < 500) {
            return new ProblemException(statusCode, statusCode == 404 ? ProblemCodes.NOT_FOUND : "HTTP_" + statusCode,
                    "The request was refused");
        }
        return new ProblemException(500, ProblemCodes.INTERNAL_ERROR, "Internal error");
    }
}
