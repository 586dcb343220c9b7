package org.licensing.license.notifications;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.events.StreamConfig;
import org.licensing.common.redis.RedisTopology;
import org.licensing.license.validation.DirectEvents;
import org.licensing.license.webhooks.WebhookDispatcher;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * license-service's own consumer group on {@code lm:events:{n}}: turns events into notifications.
 * {@code login.anomaly} becomes a security alert e-mail to the account; {@code license.usage_exceeded}
 * an e-mail to the owner; every license event becomes a webhook delivery for the license's seller.
 * Validations are not on these streams ({@code lm:validations:{n}}, read by stats-service only); one
 * still found here (published by an older version) is skipped. Polls without blocking (a blocking read
 * would hold a pooled Redis connection), acknowledges after handling; redelivery is harmless
 * because deliveries are unique per endpoint and event id.
 */
@ApplicationScoped
public class NotificationEventConsumer {

    public static final String GROUP = "license-notifications";
    static final int BATCH = 500;
    static final int MAX_BATCHES_PER_RUN = 40;
    /**
     * Entries read but not acknowledged for this long (a pod that died mid-batch, a failed XACK) are
     * claimed and handled again: stats-service trims the streams only below every group's oldest
     * pending entry, so an orphaned pending entry would otherwise hold every trim back for ever.
     */
    static final Duration RECLAIM_AFTER = Duration.ofMinutes(1);
    /** Too frequent to mirror to webhooks; stats-service has them. */
    static final Set<String> NOT_FOR_WEBHOOKS = Set.of(EventTypes.LICENSE_VALIDATED);

    private static final Logger LOG = Logger.getLogger(NotificationEventConsumer.class);

    private final ReactiveRedisDataSource redis;
    private final StreamConfig streams;
    private final ObjectMapper json;
    private final Pool pool;
    private final Notifier notifier;
    private final WebhookDispatcher webhooks;
    private final String consumer;
    private final RedisTopology topology;

    public NotificationEventConsumer(ReactiveRedisDataSource redis, StreamConfig streams, ObjectMapper json, Pool pool,
            Notifier notifier, WebhookDispatcher webhooks, RedisTopology topology,
            @ConfigProperty(name = "licensing.instance") String instance) {
        this.redis = redis;
        this.topology = topology;
        this.streams = streams;
        this.json = json;
        this.pool = pool;
        this.notifier = notifier;
        this.webhooks = webhooks;
        this.consumer = "license-" + instance;
    }

    /** Create the group at start-up ("$": events from now on), so no event published after start is missed. */
    void onStart(@Observes StartupEvent ev) {
        try {
            ensureGroups().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warnf("Notification consumer groups not created at start (retried on each poll): %s", e.getMessage());
        }
    }

    private Uni<Void> ensureGroups() {
        List<Uni<Void>> all = new ArrayList<>();
        for (String stream : partitions()) {
            all.add(redis.stream(String.class).xgroupCreate(stream, GROUP, "$", new XGroupCreateArgs().mkstream())
                    .onFailure(f -> f.getMessage() != null && f.getMessage().contains("BUSYGROUP")).recoverWithNull());
        }
        return Uni.join().all(all).andFailFast().replaceWithVoid();
    }

    private List<String> partitions() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < streams.partitions(); i++) {
            out.add(streams.events() + ":" + i);
        }
        return out;
    }

    @Scheduled(every = "${licensing.notifications.events-every}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> poll() {
        return reclaim().chain(() -> drain(0))
                .onFailure().invoke(f -> LOG.warnf("Notification poll failed: %s", f.getMessage()))
                .onFailure().recoverWithNull();
    }

    /**
     * Reads batches until the streams are drained (or {@link #MAX_BATCHES_PER_RUN} batches), so the
     * group keeps up with the validation event rate: skipped events cost a JSON parse, and each
     * batch is acknowledged with one XACK per partition.
     */
    private Uni<Void> drain(int batches) {
        return readNew()
                .onFailure(f -> f.getMessage() != null && f.getMessage().contains("NOGROUP"))
                .recoverWithUni(() -> ensureGroups().replaceWith(List.of()))
                .chain(msgs -> {
                    if (msgs == null || msgs.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    return handleAll(msgs)
                            .chain(() -> ackAll(msgs))
                            .chain(() -> msgs.size() >= BATCH && batches + 1 < MAX_BATCHES_PER_RUN
                                    ? drain(batches + 1) : Uni.createFrom().voidItem());
                });
    }

    /**
     * New entries of every partition: one XREADGROUP over all of them on a single server; one per
     * partition on a Redis Cluster, where the partitions hash to different slots and a multi-stream
     * read would be refused (CROSSSLOT).
     */
    private Uni<List<StreamMessage<String, String, String>>> readNew() {
        XReadGroupArgs args = new XReadGroupArgs().count(BATCH);
        if (!topology.cluster()) {
            Map<String, String> from = new HashMap<>();
            partitions().forEach(p -> from.put(p, ">"));
            return redis.stream(String.class).xreadgroup(GROUP, consumer, from, args);
        }
        List<Uni<List<StreamMessage<String, String, String>>>> reads = new ArrayList<>();
        for (String stream : partitions()) {
            reads.add(redis.stream(String.class).xreadgroup(GROUP, consumer, stream, ">", args));
        }
        return Uni.join().all(reads).andFailFast().map(lists -> {
            List<StreamMessage<String, String, String>> all = new ArrayList<>();
            lists.forEach(l -> {
                if (l != null) {
                    all.addAll(l);
                }
            });
            return all;
        });
    }

    /** Claims and handles this group's entries pending for longer than {@link #RECLAIM_AFTER}, one batch per partition. */
    Uni<Void> reclaim() {
        return Multi.createFrom().iterable(partitions())
                .onItem().transformToUniAndConcatenate(stream -> redis.stream(String.class)
                        .xautoclaim(stream, GROUP, consumer, RECLAIM_AFTER, "0-0", BATCH)
                        .onFailure(f -> f.getMessage() != null && f.getMessage().contains("NOGROUP")).recoverWithNull()
                        .chain(claimed -> {
                            List<StreamMessage<String, String, String>> msgs = claimed == null ? null : claimed.getMessages();
                            if (msgs == null || msgs.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            LOG.infof("Reclaimed %d pending notification events of %s", msgs.size(), stream);
                            return handleAll(msgs).chain(() -> redis.stream(String.class)
                                            .xack(stream, GROUP, msgs.stream().map(StreamMessage::id).toArray(String[]::new)))
                                    .replaceWithVoid();
                        }))
                .collect().last().replaceWithVoid();
    }

    /**
     * One read of the streams: the webhook deliveries of all its events in one statement, then the
     * (rare) mails one by one. A failed statement fails the read, which is then not acknowledged and
     * is claimed again after {@link #RECLAIM_AFTER}; deliveries are unique per endpoint and event.
     */
    private Uni<Void> handleAll(List<StreamMessage<String, String, String>> msgs) {
        List<EventEnvelope> events = new ArrayList<>();
        for (StreamMessage<String, String, String> m : msgs) {
            EventEnvelope e = parse(m);
            if (e != null && e.type() != null) {
                events.add(e);
            }
        }
        List<EventEnvelope> forWebhooks = events.stream()
                .filter(e -> e.licenseId() != null && !NOT_FOR_WEBHOOKS.contains(e.type())).toList();
        return webhooks.enqueueAll(forWebhooks)
                .chain(() -> Multi.createFrom().iterable(events).onItem().transformToUniAndConcatenate(this::mail)
                        .collect().last())
                .replaceWithVoid();
    }

    private EventEnvelope parse(StreamMessage<String, String, String> m) {
        if (m.payload() == null || ignores(m.payload().get(DirectEvents.TYPE_FIELD))) {
            // a validation left from before validations had their own streams: not parsed only to be dropped
            return null;
        }
        try {
            return json.readValue(m.payload().get("event"), EventEnvelope.class);
        } catch (Exception e) {
            LOG.debugf("Unreadable event %s on %s skipped", m.id(), m.key());
            return null;
        }
    }

    private Uni<Void> ackAll(List<StreamMessage<String, String, String>> msgs) {
        Map<String, List<String>> byStream = new HashMap<>();
        msgs.forEach(m -> byStream.computeIfAbsent(m.key(), k -> new ArrayList<>()).add(m.id()));
        List<Uni<Integer>> acks = new ArrayList<>();
        byStream.forEach((stream, ids) -> acks.add(redis.stream(String.class).xack(stream, GROUP, ids.toArray(String[]::new))));
        return Uni.join().all(acks).andFailFast().replaceWithVoid();
    }

    /** Types this consumer neither mails nor sends as webhooks (null: unknown, parse the event). */
    static boolean ignores(String type) {
        return type != null && NOT_FOR_WEBHOOKS.contains(type) && !EventTypes.LOGIN_ANOMALY.equals(type)
                && !EventTypes.LICENSE_USAGE_EXCEEDED.equals(type);
    }

    /** The e-mail an event asks for, if any; a failed mail is logged and not retried from the stream. */
    private Uni<Void> mail(EventEnvelope e) {
        Uni<Void> mail = switch (e.type()) {
            case EventTypes.LOGIN_ANOMALY -> securityAlert(e);
            case EventTypes.LICENSE_USAGE_EXCEEDED -> usageExceeded(e);
            default -> Uni.createFrom().voidItem();
        };
        return mail.onFailure().invoke(f -> LOG.warnf("Event %s (%s) not mailed: %s", e.id(), e.type(), f.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> securityAlert(EventEnvelope e) {
        if (e.accountId() == null) {
            return Uni.createFrom().voidItem();
        }
        return emailOf(e.accountId()).chain(email -> notifier.email(email, "Security alert: unusual sign-in to your account",
                "We noticed a sign-in to your licensing account that does not look like your usual ones.\n"
                        + "Time: " + e.ts() + "\nAddress: " + (e.ip() == null ? "unknown" : e.ip()) + "\n"
                        + (e.data() == null || e.data().isEmpty() ? "" : "Details: " + e.data() + "\n")
                        + "If this was not you, change your password and contact support."));
    }

    private Uni<Void> usageExceeded(EventEnvelope e) {
        if (e.accountId() == null) {
            return Uni.createFrom().voidItem();
        }
        Object key = e.data() == null ? null : e.data().get("limit_key");
        return emailOf(e.accountId()).chain(email -> notifier.email(email, "Usage limit reached on license " + e.licenseId(),
                "Your license " + e.licenseId() + " has used its " + key + " allowance"
                        + (e.data() != null && e.data().get("resets_at") != null ? " until " + e.data().get("resets_at") : "")
                        + ".\nCalls beyond the limit are refused until then."));
    }

    private Uni<String> emailOf(long accountId) {
        return pool.preparedQuery("SELECT email FROM license.accounts WHERE id = $1").execute(Tuple.of(accountId))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getString(0) : null);
    }
}
