package org.licensing.license.notifications;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Expiry warnings and renewal reminders. For each ACTIVE license inside the notice horizon, the
 * due notice ({@link ExpiryNotices}) is recorded in {@code notifications_sent} together with its
 * event in the outbox (one transaction; the unique row makes it once per license and expiry even
 * with several instances), then the owner and the seller are e-mailed. Webhooks follow from the
 * event on the stream ({@code NotificationEventConsumer}).
 */
@ApplicationScoped
public class ExpiryNotificationJob {

    public static final String LICENSE_RENEWAL_REMINDER = "license.renewal_reminder";

    private static final Logger LOG = Logger.getLogger(ExpiryNotificationJob.class);
    private static final int BATCH = 500;

    record Candidate(long licenseId, Instant expiresAt, boolean autoRenew, long sellerId, Long ownerId, String ownerEmail,
            String sellerEmail, String productName, String keyHint) {}

    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Notifier notifier;
    private final List<Integer> warningDays;
    private final int renewalReminderDays;

    public ExpiryNotificationJob(Pool pool, Outbox outbox, OutboxRelay relay, Notifier notifier,
            NotificationsConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.notifier = notifier;
        this.warningDays = config.expiryWarningDays();
        this.renewalReminderDays = config.renewalReminderDays();
    }

    @Scheduled(every = "${licensing.notifications.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return run().replaceWithVoid()
                .onFailure().invoke(f -> LOG.warnf("Expiry notification run failed: %s", f.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** One pass; returns how many notices were sent. */
    public Uni<Integer> run() {
        Instant now = Instant.now();
        int horizon = ExpiryNotices.horizonDays(warningDays, renewalReminderDays);
        return pool.preparedQuery("SELECT l.id, l.expires_at, l.auto_renew, l.seller_id, l.owner_account_id, l.key_hint,"
                + " o.email AS owner_email, s.email AS seller_email, p.name AS product_name"
                + " FROM license.licenses l JOIN license.products p ON p.id = l.product_id"
                + " JOIN license.accounts s ON s.id = l.seller_id LEFT JOIN license.accounts o ON o.id = l.owner_account_id"
                + " WHERE l.status = 'ACTIVE' AND l.expires_at > now() AND l.expires_at <= now() + make_interval(days => $1)"
                + " AND NOT EXISTS (SELECT 1 FROM license.notifications_sent n WHERE n.license_id = l.id"
                + "   AND n.expires_at = l.expires_at AND n.sent_at > now() - interval '12 hours')"
                + " ORDER BY l.expires_at LIMIT $2")
                .execute(Tuple.of(horizon, BATCH)).map(rows -> {
                    List<Candidate> out = new ArrayList<>();
                    for (Row r : rows) {
                        OffsetDateTime exp = r.getOffsetDateTime("expires_at");
                        out.add(new Candidate(r.getLong("id"), exp.toInstant(), r.getBoolean("auto_renew"), r.getLong("seller_id"),
                                r.getLong("owner_account_id"), r.getString("owner_email"), r.getString("seller_email"),
                                r.getString("product_name"), r.getString("key_hint")));
                    }
                    return out;
                })
                .onItem().transformToMulti(list -> Multi.createFrom().iterable(list))
                .onItem().transformToUniAndConcatenate(c -> notify(c, now))
                .collect().asList()
                .map(sent -> sent.stream().mapToInt(Integer::intValue).sum())
                .invoke(n -> {
                    if (n > 0) {
                        relay.kick();
                    }
                });
    }

    private Uni<Integer> notify(Candidate c, Instant now) {
        String kind = ExpiryNotices.due(c.expiresAt(), c.autoRenew(), now, warningDays, renewalReminderDays).orElse(null);
        if (kind == null) {
            return Uni.createFrom().item(0);
        }
        long days = ExpiryNotices.daysLeft(c.expiresAt(), now);
        Map<String, Object> data = new HashMap<>();
        data.put("kind", kind);
        data.put("days_left", days);
        data.put("expires_at", c.expiresAt().toString());
        data.put("seller_id", c.sellerId());
        EventEnvelope event = EventEnvelope.of(ExpiryNotices.RENEWAL_REMINDER.equals(kind) ? LICENSE_RENEWAL_REMINDER
                : EventTypes.LICENSE_EXPIRY_WARNING).level("warn").license(c.licenseId()).account(c.ownerId())
                .source("license-service").data(data).build();
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO license.notifications_sent (license_id, kind, expires_at)"
                + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id")
                .execute(Tuple.of(c.licenseId(), kind, c.expiresAt().atOffset(java.time.ZoneOffset.UTC)))
                .chain(rows -> rows.iterator().hasNext()
                        ? outbox.append(tx, event).replaceWith(true)
                        : Uni.createFrom().item(false)))
                .chain(sent -> sent ? emails(c, kind, days).replaceWith(1) : Uni.createFrom().item(0));
    }

    private Uni<Void> emails(Candidate c, String kind, long days) {
        String product = c.productName() == null ? "your product" : c.productName();
        String when = days <= 1 ? "within a day" : "in " + days + " days";
        if (ExpiryNotices.RENEWAL_REMINDER.equals(kind)) {
            return notifier.email(c.ownerEmail(), "Your " + product + " license renews " + when,
                    "Your license ending in " + c.keyHint() + " renews automatically on " + c.expiresAt() + ".\n"
                            + "Make sure your payment details are up to date.");
        }
        String text = "The license ending in " + c.keyHint() + " for " + product + " expires " + when + " (" + c.expiresAt()
                + ").";
        return notifier.email(c.ownerEmail(), "Your " + product + " license expires " + when, text + "\nRenew it to keep using "
                + product + ".")
                .chain(() -> notifier.email(c.sellerEmail(), "A customer's " + product + " license expires " + when,
                        text + "\nLicense id: " + c.licenseId()));
    }
}
