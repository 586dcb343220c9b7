package org.licensing.license.webhooks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The SQL of webhook endpoints and their delivery log ({@code license.webhook_endpoints}, {@code webhook_deliveries}). */
@ApplicationScoped
public class WebhookEndpointRepository {

    static final String DELIVERY_COLUMNS = "id, endpoint_id, event_id, event_type, status, attempts, next_attempt_at,"
            + " last_status_code, last_error, created_at, delivered_at";

    private final Pool pool;

    public WebhookEndpointRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Long> countOf(long sellerId) {
        return pool.preparedQuery("SELECT count(*) FROM license.webhook_endpoints WHERE seller_id = $1")
                .execute(Tuple.of(sellerId)).map(rows -> rows.iterator().next().getLong(0));
    }

    public Uni<WebhookEndpoint> insert(long sellerId, String url, List<String> events, String secret) {
        return pool.preparedQuery("INSERT INTO license.webhook_endpoints (seller_id, url, events, secret)"
                + " VALUES ($1, $2, $3, $4) RETURNING id, url, events, enabled, created_at")
                .execute(Tuple.of(sellerId, url, new JsonArray(new ArrayList<>(events)), secret))
                .map(rows -> endpoint(rows.iterator().next(), secret));
    }

    /** Every endpoint (sellerId null: an admin) or the seller's own. */
    public Uni<List<WebhookEndpoint>> list(Long sellerId) {
        String sql = "SELECT id, url, events, enabled, created_at FROM license.webhook_endpoints"
                + (sellerId == null ? "" : " WHERE seller_id = $1") + " ORDER BY id";
        return (sellerId == null ? pool.query(sql).execute() : pool.preparedQuery(sql).execute(Tuple.of(sellerId)))
                .map(rows -> {
                    List<WebhookEndpoint> out = new ArrayList<>();
                    rows.forEach(r -> out.add(endpoint(r, null)));
                    return out;
                });
    }

    /** The seller of an endpoint, empty when there is none. */
    public Uni<Optional<Long>> sellerOf(long endpointId) {
        return pool.preparedQuery("SELECT seller_id FROM license.webhook_endpoints WHERE id = $1").execute(Tuple.of(endpointId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next().getLong(0)) : Optional.empty());
    }

    public Uni<Void> delete(long endpointId) {
        return pool.preparedQuery("DELETE FROM license.webhook_endpoints WHERE id = $1").execute(Tuple.of(endpointId))
                .replaceWithVoid();
    }

    public Uni<List<WebhookDelivery>> deliveries(long endpointId, int limit) {
        return pool.preparedQuery("SELECT " + DELIVERY_COLUMNS + " FROM license.webhook_deliveries"
                + " WHERE endpoint_id = $1 ORDER BY id DESC LIMIT $2").execute(Tuple.of(endpointId, limit)).map(rows -> {
                    List<WebhookDelivery> out = new ArrayList<>();
                    rows.forEach(r -> out.add(delivery(r)));
                    return out;
                });
    }

    public Uni<Optional<WebhookDelivery>> delivery(long endpointId, long deliveryId) {
        return pool.preparedQuery("SELECT " + DELIVERY_COLUMNS + " FROM license.webhook_deliveries WHERE id = $1 AND endpoint_id = $2")
                .execute(Tuple.of(deliveryId, endpointId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(delivery(rows.iterator().next())) : Optional.empty());
    }

    /**
     * Puts a FAILED delivery back in the queue, due now; the dispatcher's next tick sends it (one more
     * attempt: its count is kept, so a new failure ends FAILED again). Empty when it was not FAILED.
     */
    public Uni<Optional<WebhookDelivery>> requeueFailed(long endpointId, long deliveryId) {
        return pool.preparedQuery("UPDATE license.webhook_deliveries SET status = 'PENDING', next_attempt_at = now()"
                + " WHERE id = $1 AND endpoint_id = $2 AND status = 'FAILED' RETURNING " + DELIVERY_COLUMNS)
                .execute(Tuple.of(deliveryId, endpointId))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(delivery(rows.iterator().next())) : Optional.empty());
    }

    private static WebhookDelivery delivery(Row r) {
        return new WebhookDelivery(r.getLong("id"), r.getLong("endpoint_id"), r.getString("event_id"),
                r.getString("event_type"), r.getString("status"), r.getInteger("attempts"),
                instant(r.getOffsetDateTime("next_attempt_at")), r.getInteger("last_status_code"),
                r.getString("last_error"), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("delivered_at")));
    }

    private static WebhookEndpoint endpoint(Row r, String secret) {
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
