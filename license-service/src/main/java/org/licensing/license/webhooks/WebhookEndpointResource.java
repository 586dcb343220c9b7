package org.licensing.license.webhooks;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
import org.licensing.license.metering.LicenseAccess;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sellers register webhook endpoints for events about their licenses. The signing secret is shown
 * once, at creation. Admins see every endpoint; sellers their own.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER })
public class WebhookEndpointResource {

    public static final String WEBHOOK_NOT_FOUND = "WEBHOOK_NOT_FOUND";
    static final int MAX_ENDPOINTS_PER_SELLER = 20;

    private final Pool pool;
    private final JsonWebToken jwt;
    private final boolean allowPrivateTargets;

    public WebhookEndpointResource(Pool pool, JsonWebToken jwt,
            @ConfigProperty(name = "licensing.webhooks.allow-private-targets") boolean allowPrivateTargets) {
        this.pool = pool;
        this.jwt = jwt;
        this.allowPrivateTargets = allowPrivateTargets;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(WebhookEndpointRequest body) {
        LicenseAccess access = LicenseAccess.of(jwt);
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
        return pool.preparedQuery("SELECT count(*) FROM license.webhook_endpoints WHERE seller_id = $1")
                .execute(Tuple.of(access.accountId())).chain(rows -> {
                    if (rows.iterator().next().getLong(0) >= MAX_ENDPOINTS_PER_SELLER) {
                        return Uni.createFrom().failure(ProblemException.conflict("WEBHOOK_LIMIT",
                                "At most " + MAX_ENDPOINTS_PER_SELLER + " webhook endpoints per seller"));
                    }
                    return pool.preparedQuery("INSERT INTO license.webhook_endpoints (seller_id, url, events, secret)"
                            + " VALUES ($1, $2, $3, $4) RETURNING id, url, events, enabled, created_at")
                            .execute(Tuple.of(access.accountId(), body.url().trim(), new JsonArray(new ArrayList<>(events)), secret));
                }).map(rows -> {
                    WebhookEndpoint e = fromRow(rows.iterator().next(), secret);
                    return Response.created(URI.create("/api/v1/webhooks/" + e.id())).entity(e).build();
                });
    }

    @GET
    public Uni<List<WebhookEndpoint>> list() {
        LicenseAccess access = LicenseAccess.of(jwt);
        String sql = "SELECT id, url, events, enabled, created_at FROM license.webhook_endpoints"
                + (access.isAdmin() ? "" : " WHERE seller_id = $1") + " ORDER BY id";
        return (access.isAdmin() ? pool.query(sql).execute() : pool.preparedQuery(sql).execute(Tuple.of(access.accountId())))
                .map(rows -> {
                    List<WebhookEndpoint> out = new ArrayList<>();
                    rows.forEach(r -> out.add(fromRow(r, null)));
                    return out;
                });
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> remove(@PathParam("id") long id) {
        LicenseAccess access = LicenseAccess.of(jwt);
        return owned(access, id).chain(() -> pool.preparedQuery("DELETE FROM license.webhook_endpoints WHERE id = $1")
                .execute(Tuple.of(id))).map(x -> Response.noContent().build());
    }

    @GET
    @Path("{id}/deliveries")
    public Uni<List<WebhookDelivery>> deliveries(@PathParam("id") long id) {
        LicenseAccess access = LicenseAccess.of(jwt);
        return owned(access, id).chain(() -> pool.preparedQuery("SELECT id, endpoint_id, event_id, event_type, status, attempts,"
                + " next_attempt_at, last_status_code, last_error, created_at, delivered_at FROM license.webhook_deliveries"
                + " WHERE endpoint_id = $1 ORDER BY id DESC LIMIT 100").execute(Tuple.of(id))).map(rows -> {
                    List<WebhookDelivery> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new WebhookDelivery(r.getLong("id"), r.getLong("endpoint_id"), r.getString("event_id"),
                                r.getString("event_type"), r.getString("status"), r.getInteger("attempts"),
                                instant(r.getOffsetDateTime("next_attempt_at")), r.getInteger("last_status_code"),
                                r.getString("last_error"), instant(r.getOffsetDateTime("created_at")),
                                instant(r.getOffsetDateTime("delivered_at"))));
                    }
                    return out;
                });
    }

    private Uni<Void> owned(LicenseAccess access, long id) {
        return pool.preparedQuery("SELECT seller_id FROM license.webhook_endpoints WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext() || (!access.isAdmin() && rows.iterator().next().getLong(0) != access.accountId())) {
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

    private static WebhookEndpoint fromRow(Row r, String secret) {
        List<String> events = new ArrayList<>();
        Object raw = r.getValue("events");
        if (raw instanceof JsonArray a) {
            a.forEach(v -> events.add(String.valueOf(v)));
        }
        return new WebhookEndpoint(r.getLong("id"), r.getString("url"), events, r.getBoolean("enabled"), secret,
                instant(r.getOffsetDateTime("created_at")));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
