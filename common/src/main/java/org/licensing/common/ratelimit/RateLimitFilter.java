package org.licensing.common.ratelimit;

import java.lang.reflect.Method;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.Problem;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Counts every API request per client IP and endpoint group (one Redis call), answers 429 with
 * {@code Retry-After} and {@code X-RateLimit-*} headers, and refuses blocked IPs. Health,
 * metrics and OpenAPI ({@code /q/*}) are not API endpoints and are not counted.
 */
public class RateLimitFilter {

    private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

    @Inject
    RateLimiter limiter;
    @Inject
    RateLimitConfig config;
    @Inject
    IpBlockRecorder recorder;

    @ServerRequestFilter(priority = 900)
    public Uni<Response> limit(ContainerRequestContext ctx, ResourceInfo resource, HttpServerRequest request) {
        if (!config.enabled() || resource == null || resource.getResourceMethod() == null) {
            return Uni.createFrom().nullItem();
        }
        RateLimited annotation = annotation(resource);
        if (annotation != null && annotation.exempt()) {
            return Uni.createFrom().nullItem();
        }
        String group = annotation != null ? annotation.value() : "default";
        String ip = ClientAddress.of(request);
        return limiter.hit(ip, ip, group).onItem().transformToUni(d -> {
            ctx.setProperty(DECISION, d);
            if (d.allowed()) {
                return Uni.createFrom().nullItem();
            }
            Uni<Void> record = d.newlyBlocked()
                    ? recorder.recordBlock(ip, group, d.count(), "rate limit exceeded repeatedly",
                            config.block().duration().toMillis())
                    : Uni.createFrom().voidItem();
            return record.replaceWith(() -> tooMany(d));
        });
    }

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(DECISION) instanceof RateLimitDecision d) {
            headers(d, (name, value) -> response.getHeaders().putSingle(name, value));
        }
    }

    /** The {@code X-RateLimit-*} headers of an allowed request (for endpoints that count their address themselves). */
    public static void headers(RateLimitDecision d, java.util.function.BiConsumer<String, String> header) {
        if (d != null && !d.ipBlocked()) {
            header.accept("X-RateLimit-Limit", Integer.toString(d.limit()));
            header.accept("X-RateLimit-Remaining", Long.toString(d.remaining()));
            header.accept("X-RateLimit-Reset", Long.toString(d.retryAfterSeconds()));
        }
    }

    /** The 429 (or 403 for a blocked IP) every limited endpoint answers. */
    public static Response tooMany(RateLimitDecision d) {
        return Problem.response(refusal(d));
    }

    public static ProblemException refusal(RateLimitDecision d) {
        ProblemException p = d.ipBlocked()
                ? new ProblemException(429, ProblemCodes.IP_BLOCKED,
                        "This address is blocked for repeated abuse; retry after " + d.retryAfterSeconds() + " s")
                : new ProblemException(429, ProblemCodes.RATE_LIMITED,
                        "Too many requests; retry after " + d.retryAfterSeconds() + " s");
        p = p.withHeader("Retry-After", Long.toString(d.retryAfterSeconds()))
                .withExtension("retry_after_seconds", d.retryAfterSeconds());
        if (!d.ipBlocked()) {
            p = p.withHeader("X-RateLimit-Limit", Integer.toString(d.limit()))
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("X-RateLimit-Reset", Long.toString(d.retryAfterSeconds()));
        }
        return p;
    }

    private static RateLimited annotation(ResourceInfo resource) {
        Method m = resource.getResourceMethod();
        RateLimited a = m.getAnnotation(RateLimited.class);
        return a != null ? a : resource.getResourceClass().getAnnotation(RateLimited.class);
    }
}
