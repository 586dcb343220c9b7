package org.licensing.license.licenses;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.redis.RedisKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * After every committed license change: rewrite the Redis snapshot and status flag (so
 * validation, device and session services see the change at once), keep the key-hash index
 * right, and kick the outbox relay so the change's events leave now.
 */
@ApplicationScoped
public class LicenseCache {

    private static final Logger LOG = Logger.getLogger(LicenseCache.class);

    private final LicenseSnapshots snapshots;
    private final ReactiveRedisDataSource redis;
    private final OutboxRelay relay;

    public LicenseCache(LicenseSnapshots snapshots, ReactiveRedisDataSource redis, OutboxRelay relay) {
        this.snapshots = snapshots;
        this.redis = redis;
        this.relay = relay;
    }

    public Uni<Void> committed(License l) {
        return committed(List.of(l));
    }

    public Uni<Void> committed(List<License> licenses) {
        relay.kick();
        return Multi.createFrom().iterable(licenses)
                .onItem().transformToUniAndConcatenate(l -> snapshots.store(l.toSnapshot())
                        .chain(() -> redis.value(String.class).setex(RedisKeys.licenseByKeyHash(l.keyHash()),
                                LicenseSnapshots.TTL_SECONDS, Long.toString(l.id()))))
                .collect().last().replaceWithVoid()
                .onFailure().recoverWithUni(f -> {
                    // The change is committed; a stale cache is the lesser harm. Try to drop the entries instead.
                    LOG.errorf("Could not refresh license snapshots after commit: %s", f.getMessage());
                    return Multi.createFrom().iterable(licenses)
                            .onItem().transformToUniAndConcatenate(l -> snapshots.evict(l.id()))
                            .collect().last().replaceWithVoid().onFailure().recoverWithNull();
                });
    }

    /** The old key stops resolving at once; the new one resolves to the same license. */
    public Uni<Void> keyReplaced(License l, String oldKeyHash) {
        return redis.key().del(RedisKeys.licenseByKeyHash(oldKeyHash)).replaceWithVoid().chain(() -> committed(l));
    }
}
