package org.licensing.license.webhooks;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;

import io.smallrye.mutiny.Uni;

/**
 * Sellers register webhook endpoints for events about their licenses. The signing secret is shown
 * once, at creation. Admins see every endpoint; sellers their own.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER })
public class WebhookEndpointResource {

    public static final String WEBHOOK_NOT_FOUND = "WEBHOOK_NOT_FOUND";
    public static final String DELIVERY_NOT_FOUND = "DELIVERY_NOT_FOUND";
    public static final String DELIVERY_NOT_FAILED = "DELIVERY_NOT_FAILED";
    static final int MAX_ENDPOINTS_PER_SELLER = 20;

    private final WebhookEndpointRepository endpoints;
    private final JsonWebToken jwt;
    private final boolean allowPrivateTargets;

    public WebhookEndpointResource(WebhookEndpointRepository endpoints, JsonWebToken jwt,
            @ConfigProperty(name = "licensing.webhooks.allow-private-targets") boolean allowPrivateTargets) {
        this.endpoints = endpoints;
        this.jwt = jwt;
        this.allowPrivateTargets = allowPrivateTargets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(WebhookEndpointRequest body) {
        Caller access = Caller.of(jwt);
        if (!access.isSeller()) {
            throw ProblemException.forbidden("Webhook endpoints belong to sellers");
        }
        if (body == null || body.url() == null || !isHttpUrl(body.url())) {
            throw ProblemException.invalidField("url", "must be an absolute http(s) URL");
        }
        if (!allowPrivateTargets && WebhookTargets.isPrivate(URI.create(body.url().trim()).getHost())) {
            throw ProblemException.invalidField("url", "must not point to a loopback, private or link-local address");
        }
        List<String> events = events(body.events());
        String secret = WebhookSignature.newSecret();
        return endpoints.countOf(access.accountId()).chain(n -> {
            if (n >= MAX_ENDPOINTS_PER_SELLER) {
                return Uni.createFrom().<WebhookEndpoint>failure(ProblemException.conflict("WEBHOOK_LIMIT",
                        "At most " + MAX_ENDPOINTS_PER_SELLER + " webhook endpoints per seller"));
            }
            return endpoints.insert(access.accountId(), body.url().trim(), events, secret);
        }).map(e -> Response.created(URI.create("/api/v1/webhooks/" + e.id())).entity(e).build());
    }

    @GET
    public Uni<List<WebhookEndpoint>> list() {
        Caller access = Caller.of(jwt);
        return endpoints.list(access.isAdmin() ? null : access.accountId());
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> remove(@PathParam("id") long id) {
        Caller access = Caller.of(jwt);
        return owned(access, id).chain(() -> endpoints.delete(id)).map(x -> Response.noContent().build());
    }

    @GET
    @Path("{id}/deliveries")
    public Uni<List<WebhookDelivery>> deliveries(@PathParam("id") long id) {
        Caller access = Caller.of(jwt);
        return owned(access, id).chain(() -> endpoints.deliveries(id, 100));
    }

    /** A manual retry of a FAILED delivery of the seller's own endpoint: due now, sent on the dispatcher's next tick. */
    @POST
    @Path("{id}/deliveries/{deliveryId}/retry")
    public Uni<WebhookDelivery> retry(@PathParam("id") long id, @PathParam("deliveryId") long deliveryId) {
        Caller access = Caller.of(jwt);
        return owned(access, id).chain(() -> endpoints.requeueFailed(id, deliveryId)).chain(requeued -> {
            if (requeued.isPresent()) {
                return Uni.createFrom().item(requeued.get());
            }
            return endpoints.delivery(id, deliveryId).map(d -> {
                if (d.isEmpty()) {
                    throw ProblemException.notFound(DELIVERY_NOT_FOUND, "No delivery " + deliveryId + " of endpoint " + id);
                }
                throw new ProblemException(409, DELIVERY_NOT_FAILED,
                        "Only a FAILED delivery is retried by hand; this one is " + d.get().status());
            });
        });
    }

    private Uni<Void> owned(Caller access, long id) {
        return endpoints.sellerOf(id).map(seller -> {
            if (seller.isEmpty() || (!access.isAdmin() && seller.get() != access.accountId())) {
                throw ProblemException.notFound(WEBHOOK_NOT_FOUND, "No webhook endpoint " + id);
            }
            return null;
        });
    }

    static List<String> events(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            return List.of("*");
        }
        Set<String> out = new LinkedHashSet<>();
        for (String e : raw) {
            if (e == null || !e.trim().matches("^(\\*|[a-z_]+\\.[a-z_]+)$")) {
                throw ProblemException.invalidField("events", "each must be an event type such as license.expiry_warning, or *");
            }
            out.add(e.trim());
        }
        return List.copyOf(out);
    }

    static boolean isHttpUrl(String s) {
        try {
            URI u = new URI(s.trim());
            return u.isAbsolute() && ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()))
                    && u.getHost() != null && s.length() <= 2048;
        } catch (Exception e) {
            return false;
        }
    }
}
