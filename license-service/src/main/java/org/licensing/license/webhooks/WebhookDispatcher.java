package org.licensing.license.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.outbox.Outbox;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.net.SocketAddress;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.WebClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Webhook deliveries: {@link #enqueueAll} records one delivery row per subscribed endpoint (never
 * sends inline, so the request that caused the event is never held up); {@link #deliverDue} (every
 * {@code licensing.webhooks.every}) claims due rows with {@code FOR UPDATE SKIP LOCKED} and a lease,
 * POSTs the signed envelope with the Vert.x web client (to a public address only, see {@link #request}),
 * and records DELIVERED, or the failure and
 * the next attempt with exponential backoff, or FAILED after the last attempt.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int BATCH = 50;
    /** One read of the event stream: each event joined to its license's seller and that seller's endpoints. */
    static final String ENQUEUE_ALL = "INSERT INTO license.webhook_deliveries (endpoint_id, event_id, event_type, payload)"
            + " SELECT w.id, x.event_id, x.event_type, x.payload"
            + " FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS x (license_id, event_id, event_type, payload)"
            + " JOIN license.licenses l ON l.id = x.license_id"
            + " JOIN license.webhook_endpoints w ON w.seller_id = l.seller_id AND w.enabled"
            + " AND (w.events ? x.event_type OR w.events ? '*')"
            + " ON CONFLICT (endpoint_id, event_id) DO NOTHING";

    private final Pool pool;
    private final Outbox outbox;
    private final WebClient client;
    private final Duration timeout;
    private final Duration backoff;
    private final int maxAttempts;
    private final boolean allowPrivateTargets;

    public WebhookDispatcher(Pool pool, Outbox outbox, Vertx vertx,
            WebhooksConfig config) {
        Duration timeout = config.timeout();
        this.allowPrivateTargets = config.allowPrivateTargets();
        this.pool = pool;
        this.outbox = outbox;
        this.timeout = timeout;
        this.backoff = config.backoff();
        this.maxAttempts = config.maxAttempts();
        this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout((int) Math.min(timeout.toMillis(), 30_000))
                .setFollowRedirects(false).setUserAgent("licensing-webhooks/1"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * Records a delivery of each event for every enabled endpoint of its license's seller subscribed
     * to its type: one statement for a whole batch of the event stream (per event, a snapshot read and
     * an INSERT were most of license-service's share of an activation). The seller is the committed
     * license row's; events of a license that no longer exists are dropped, as before.
     */
    public Uni<Integer> enqueueAll(List<EventEnvelope> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        Long[] licenses = new Long[events.size()];
        String[] ids = new String[events.size()];
        String[] types = new String[events.size()];
        String[] payloads = new String[events.size()];
        for (int i = 0; i < events.size(); i++) {
            EventEnvelope e = events.get(i);
            licenses[i] = e.licenseId();
            ids[i] = e.id();
            types[i] = e.type();
            payloads[i] = outbox.serialize(e);
        }
        return pool.preparedQuery(ENQUEUE_ALL).execute(Tuple.of(licenses, ids, types, payloads)).map(rows -> rows.rowCount());
    }

    record Claimed(long id, long endpointId, String url, String secret, String eventType, String payload, int attempts) {}

    @Scheduled(every = "${licensing.webhooks.every}", delayed = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> deliverDue() {
        return claim().onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndMerge(this::attempt)
                .collect().last().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warnf("Webhook delivery run failed: %s", f.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Claims due deliveries and leases them, so another instance does not send them at the same time. */
    private Uni<List<Claimed>> claim() {
        long leaseSeconds = Math.max(60, timeout.toSeconds() * 3);
        return pool.preparedQuery("UPDATE license.webhook_deliveries d SET next_attempt_at = now() + make_interval(secs => $1)"
                + " FROM license.webhook_endpoints e"
                + " WHERE d.endpoint_id = e.id AND d.id IN (SELECT id FROM license.webhook_deliveries"
                + "   WHERE status = 'PENDING' AND next_attempt_at <= now() ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)"
                + " RETURNING d.id, d.endpoint_id, e.url, e.secret, d.event_type, d.payload, d.attempts")
                .execute(Tuple.of((double) leaseSeconds, BATCH)).map(rows -> {
                    List<Claimed> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(new Claimed(r.getLong("id"), r.getLong("endpoint_id"), r.getString("url"), r.getString("secret"),
                                r.getString("event_type"), r.getString("payload"), r.getInteger("attempts")));
                    }
                    return out;
                });
    }

    private Uni<Void> attempt(Claimed d) {
        String signature = WebhookSignature.header(d.secret(), Instant.now().getEpochSecond(), d.payload());
        return request(d.url()).chain(post -> post.timeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader(WebhookSignature.HEADER, signature)
                .putHeader("X-Licensing-Event", d.eventType())
                .putHeader("X-Licensing-Delivery", Long.toString(d.id()))
                .sendBuffer(Buffer.buffer(d.payload())))
                .map(resp -> resp.statusCode())
                .onItemOrFailure().transformToUni((status, failure) -> {
                    boolean ok = failure == null && status >= 200 && status < 300;
                    String error = failure != null ? truncate(failure.getClass().getSimpleName() + ": " + failure.getMessage())
                            : ok ? null : "HTTP " + status;
                    return record(d, ok, failure == null ? status : null, error);
                });
    }

    /**
     * The POST of a delivery. The host is resolved once, on a worker thread; unless private targets are
     * allowed (development, tests) every address must be public; and the request goes to that address
     * with the URL's host in the Host header and TLS SNI, so a second DNS answer (rebinding) cannot send
     * it into the network.
     */
    private Uni<HttpRequest<Buffer>> request(String url) {
        URI uri = URI.create(url);
        String host = uri.getHost();
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return Uni.createFrom().item(() -> {
            InetAddress[] resolved = resolve(host);
            return allowPrivateTargets ? resolved[0] : WebhookTargets.publicAddress(host, resolved);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(address -> client.request(HttpMethod.POST, SocketAddress.inetSocketAddress(port, address.getHostAddress()),
                        port, host, path).ssl(tls));
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Unknown host " + host, e);
        }
    }

    private Uni<Void> record(Claimed d, boolean ok, Integer status, String error) {
        int attempts = d.attempts() + 1;
        if (ok) {
            return pool.preparedQuery("UPDATE license.webhook_deliveries SET status = 'DELIVERED', attempts = $2,"
                    + " last_status_code = $3, last_error = NULL, delivered_at = now() WHERE id = $1")
                    .execute(Tuple.of(d.id(), attempts, status)).replaceWithVoid();
        }
        boolean giveUp = WebhookBackoff.exhausted(attempts, maxAttempts);
        double delay = WebhookBackoff.after(attempts, backoff).toMillis() / 1000.0;
        return pool.preparedQuery("UPDATE license.webhook_deliveries SET status = $2, attempts = $3, last_status_code = $4,"
                + " last_error = $5, next_attempt_at = now() + make_interval(secs => $6) WHERE id = $1")
                .execute(Tuple.from(new Object[] { d.id(), giveUp ? "FAILED" : "PENDING", attempts, status, error, delay }))
                .replaceWithVoid();
    }

    private static String truncate(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }

    static JsonArray eventsJson(List<String> events) {
        return new JsonArray(new ArrayList<>(events));
    }
}
