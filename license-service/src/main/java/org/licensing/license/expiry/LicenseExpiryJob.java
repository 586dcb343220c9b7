package org.licensing.license.expiry;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.licensing.common.events.EventTypes;
import org.licensing.common.outbox.Outbox;
import org.licensing.license.licenses.License;
import org.licensing.license.licenses.LicenseCache;
import org.licensing.license.licenses.LicenseRows;
import org.licensing.common.licenses.LicenseStatus;
import org.licensing.license.licenses.LicenseStatusMachine;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * ACTIVE licenses past {@code expires_at} become EXPIRED, a bounded batch per transaction
 * ({@code FOR UPDATE SKIP LOCKED}, so several instances share the work and a license being
 * changed right now is simply taken next time), each with its event and a fresh snapshot.
 */
@ApplicationScoped
public class LicenseExpiryJob {

    private static final Logger LOG = Logger.getLogger(LicenseExpiryJob.class);
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final Pool pool;
    private final Outbox outbox;
    private final LicenseCache cache;
    private final int batchSize;

    public LicenseExpiryJob(Pool pool, Outbox outbox, LicenseCache cache,
            @ConfigProperty(name = "licensing.expiry.batch-size", defaultValue = "500") int batchSize) {
        this.pool = pool;
        this.outbox = outbox;
        this.cache = cache;
        this.batchSize = batchSize;
    }

    @Scheduled(every = "${licensing.expiry.every:60s}", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return expireAll().invoke(n -> {
            if (n > 0) {
                LOG.infof("Expired %d licenses", n);
            }
        }).onFailure().invoke(f -> LOG.warnf("License expiry failed, will retry: %s", f.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Runs batches until one comes back short (or a safety cap); returns how many expired. */
    public Uni<Integer> expireAll() {
        return loop(0, 0);
    }

    private Uni<Integer> loop(int batches, int soFar) {
        return expireBatch().chain(n -> n < batchSize || batches + 1 >= MAX_BATCHES_PER_RUN
                ? Uni.createFrom().item(soFar + n)
                : loop(batches + 1, soFar + n));
    }

    /** One transaction: lock up to batch-size due licenses, move them to EXPIRED, write their events. */
    public Uni<Integer> expireBatch() {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT id FROM license.licenses WHERE status = 'ACTIVE'"
                + " AND expires_at <= now() ORDER BY expires_at LIMIT $1 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(batchSize))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong("id")));
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(List.<License>of());
                    }
                    LicenseStatusMachine.transition(LicenseStatus.ACTIVE, LicenseStatus.EXPIRED);
                    return tx.preparedQuery("UPDATE license.licenses SET status = 'EXPIRED', updated_at = now() WHERE id = ANY($1)")
                            .execute(Tuple.of(ids.toArray(new Long[0])))
                            .chain(() -> {
                                Uni<List<License>> chain = Uni.createFrom().item(new ArrayList<>());
                                for (Long id : ids) {
                                    chain = chain.chain(acc -> LicenseRows.byIdIn(tx, id, false)
                                            .call(l -> outbox.append(tx, LicenseRows.event(EventTypes.LICENSE_EXPIRED, l, null,
                                                    null, LicenseRows.data("expires_at", String.valueOf(l.expiresAt()))).build()))
                                            .map(l -> {
                                                acc.add(l);
                                                return acc;
                                            }));
                                }
                                return chain;
                            });
                }))
                .call(expired -> expired.isEmpty() ? Uni.createFrom().voidItem() : cache.committed(expired))
                .map(List::size);
    }
}
