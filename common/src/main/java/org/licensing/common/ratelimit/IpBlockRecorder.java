package org.licensing.common.ratelimit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records IP blocks in the service's own {@code ip_rate_limits} table (requirement 003) so that
 * operators can see who was blocked, when and why. Redis ({@code ipblock:{ip}}) is what enforces
 * the block; this table is the record. Rows that no longer block are removed after a day.
 */
@ApplicationScoped
public class IpBlockRecorder {

    private static final Logger LOG = Logger.getLogger(IpBlockRecorder.class);

    private final Pool pool;
    private final String table;

    public IpBlockRecorder(Pool pool, @ConfigProperty(name = "licensing.schema") String schema) {
        this.pool = pool;
        this.table = schema + ".ip_rate_limits";
    }

    public Uni<Void> recordBlock(String ip, String endpoint, long count, String reason, long blockMillis) {
        OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC).plusNanos(blockMillis * 1_000_000);
        return pool.preparedQuery("INSERT INTO " + table
                        + " (ip_address, endpoint, request_count, reason, blocked_until) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(ip, endpoint, count, reason, until))
                .replaceWithVoid()
                .onFailure().invoke(f -> LOG.warnf("Could not record IP block of %s: %s", ip, f.getMessage()))
                .onFailure().recoverWithNull();
    }

    @Scheduled(every = "${licensing.rate-limit.cleanup-every:1h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> removeStaleRows() {
        return pool.query("DELETE FROM " + table
                        + " WHERE (blocked_until IS NULL OR blocked_until < now()) AND created_at < now() - interval '24 hours'")
                .execute().replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
