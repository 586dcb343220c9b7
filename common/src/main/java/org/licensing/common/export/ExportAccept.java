package org.licensing.common.export;

import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Quarkus REST streams a {@code RestMulti} with its own Content-Type only from a method without
 * {@code @Produces}, and such a method answers 406 to {@code Accept: application/jsonl}. So before
 * routing, an export request's {@code Accept} becomes its {@code format=} parameter (an explicit
 * {@code format} wins) and the method sees {@code Accept: *}{@code /*}.
 */
public class ExportAccept {

    @ServerRequestFilter(preMatching = true)
    public void toFormat(ContainerRequestContext ctx) {
        URI uri = ctx.getUriInfo().getRequestUri();
        if (!"GET".equals(ctx.getMethod()) || uri.getPath() == null || !uri.getPath().endsWith("/export")) {
            return;
        }
        String accept = ctx.getHeaderString(HttpHeaders.ACCEPT);
        if (!ctx.getUriInfo().getQueryParameters().containsKey("format") && accept != null && !accept.isBlank()) {
            ctx.setRequestUri(UriBuilder.fromUri(uri).queryParam("format", ExportFormat.choose(null, accept).extension()).build());
        }
        ctx.getHeaders().putSingle(HttpHeaders.ACCEPT, "*/*");
    }
}
