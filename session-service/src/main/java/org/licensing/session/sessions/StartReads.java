package org.licensing.session.sessions;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.redis.RedisKeys;
import org.licensing.common.redis.RedisTopology;
import org.licensing.common.redis.SlotReads;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * The cached entries a session start needs before it takes a seat: the key hash's license id, that
 * license's snapshot (both license-service's) and the device's look-up entry (device-service's). Each
 * read is a dependent GET of the one before, once three round trips. Standalone Redis: one read-only
 * script ({@code startreads.lua}). A Redis Cluster keeps them in three slots: the key-hash entry, then the
 * other two together through {@link SlotReads} (one MGET per slot, in parallel; never a cross-slot MGET).
 * What is absent is read from PostgreSQL by the callers exactly as when they read Redis themselves.
 */
@ApplicationScoped
public class StartReads {

    /** What Redis held (null = absent); the snapshot and look-up were read only when {@link #namesLicense()}. */
    public record Found(String licenseId, String snapshot, String deviceLookup) {
        public boolean namesLicense() {
            return licenseId != null && !LicenseSnapshots.NO_LICENSE.equals(licenseId);
        }
    }

    private final ReactiveRedisDataSource redis;
    private final SessionLeases leases;
    private final SlotReads reads;
    private final boolean cluster;

    public StartReads(ReactiveRedisDataSource redis, SessionLeases leases, SlotReads reads, RedisTopology topology) {
        this.redis = redis;
        this.leases = leases;
        this.reads = reads;
        this.cluster = topology.cluster();
    }

    public Uni<Found> read(String keyHash, String clientDeviceId) {
        String indexKey = RedisKeys.licenseByKeyHash(keyHash);
        if (!cluster) {
            return leases.scripts().startReads.run(redis, List.of(indexKey), List.of(clientDeviceId))
                    .map(r -> new Found(text(r, 0), text(r, 1), text(r, 2)));
        }
        return redis.value(String.class).get(indexKey).chain(id -> {
            Found idOnly = new Found(id, null, null);
            if (!idOnly.namesLicense()) {
                return Uni.createFrom().item(idOnly);
            }
            long licenseId = Long.parseLong(id);
            String snapshot = RedisKeys.licenseSnapshot(licenseId);
            String lookup = RedisKeys.deviceLookup(licenseId, clientDeviceId);
            return reads.get(List.of(snapshot, lookup)).map(m -> new Found(id, m.get(snapshot), m.get(lookup)));
        });
    }

    private static String text(Response r, int i) {
        Response v = i < r.size() ? r.get(i) : null;
        return v == null ? null : v.toString();
    }
}
