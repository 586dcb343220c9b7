package org.licensing.session.online;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.session.sessions.SessionKeys;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoreRange;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Devices online now across all of a seller's licenses. Online state lives only in Redis, per license
 * ({@code online:license:{id}}, scored by expiry); there is no per-seller set, because the heartbeat
 * script would then write a key outside the license's hash slot on every beat. So the licenses that can
 * have a device online at all — those with an open session, from the partial index on
 * {@code client_sessions} — are read from PostgreSQL and their live members counted in Redis. The cost
 * follows the seller's licenses in use, not all the licenses they ever issued.
 */
@ApplicationScoped
public class SellerOnline {

    public record OnlineSeller(long sellerId, long onlineDevices, long licensesOnline) {}

    static final String LICENSES_IN_USE = "SELECT DISTINCT s.license_id FROM session.client_sessions s"
            + " JOIN license.license_owners o ON o.license_id = s.license_id WHERE s.ended_at IS NULL AND o.seller_id = $1";
    /** How many ZCOUNTs are in flight at once (a pooled connection each). */
    static final int CONCURRENCY = 4;

    private final Pool pool;
    private final ReactiveRedisDataSource redis;

    public SellerOnline(Pool pool, ReactiveRedisDataSource redis) {
        this.pool = pool;
        this.redis = redis;
    }

    public Uni<OnlineSeller> count(long sellerId) {
        ScoreRange<Double> live = ScoreRange.from((double) System.currentTimeMillis(), Double.POSITIVE_INFINITY);
        return pool.preparedQuery(LICENSES_IN_USE).execute(Tuple.of(sellerId)).chain(rows -> {
            List<Long> ids = new ArrayList<>();
            for (Row r : rows) {
                ids.add(r.getLong(0));
            }
            return Multi.createFrom().iterable(ids)
                    .onItem().transformToUni(id -> redis.sortedSet(String.class).zcount(SessionKeys.onlineOfLicense(id), live))
                    .merge(CONCURRENCY)
                    .collect().in(() -> new long[2], (acc, n) -> {
                        acc[0] += n;
                        acc[1] += n > 0 ? 1 : 0;
                    })
                    .map(acc -> new OnlineSeller(sellerId, acc[0], acc[1]));
        });
    }
}
