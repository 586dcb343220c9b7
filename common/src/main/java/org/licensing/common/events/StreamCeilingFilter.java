package org.licensing.common.events;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.licensing.common.problem.Problem;
import org.licensing.common.problem.ProblemException;

import io.smallrye.mutiny.Uni;

/**
 * At the stream memory ceiling ({@link StreamCeiling}) every state-changing API request is refused
 * with 503 before it does anything: each of them appends an event (through the outbox or directly),
 * and a refused request is one the client retries, where an appended-then-dropped entry would be a
 * silent loss. Reads go on. The heartbeat route (not a REST resource) checks the same ceiling itself.
 */
public class StreamCeilingFilter {

    /** A client proxy (application scoped): filters are built at static init, before the config mapping exists. */
    @Inject
    StreamCeiling ceiling;

    @ServerRequestFilter(priority = 950)
    public Uni<Response> refuseAtCeiling(ContainerRequestContext ctx, ResourceInfo resource) {
        if (!ceiling.guardsRequests() || resource == null || resource.getResourceMethod() == null
                || !changesState(ctx.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        return ceiling.admit().map(ok -> (Response) null)
                .onFailure(ProblemException.class).recoverWithItem(f -> Problem.response((ProblemException) f));
    }

    static boolean changesState(String method) {
        return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
    }
}
