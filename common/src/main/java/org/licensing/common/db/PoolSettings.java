package org.licensing.common.db;

import java.time.Duration;
import java.util.List;

import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * How the reactive PostgreSQL pool is tuned for outages.
 *
 * <p>Why the pool's connection timeout is off: in Vert.x SQL client 4.5
 * ({@code SqlConnectionPool.execute}, used by every {@code pool.query()/preparedQuery()}), the
 * timer armed for that timeout is cancelled only when a connection is acquired. When acquisition
 * fails (PostgreSQL unreachable) the caller gets the error and the timer stays armed; when it
 * fires it fails the already failed promise, and Vert.x logs {@code IllegalStateException: Result
 * is already complete}, once per query made during the outage, for up to the timeout (30 s) after
 * PostgreSQL is back (eclipse-vertx/vertx-sql-client#1706). With the timeout at 0 no timer is
 * armed. A request still never hangs: a connection attempt gives up after {@code connectTimeout},
 * and the wait queue is bounded, so an overflowing request fails at once (both answer 503).
 */
public final class PoolSettings {

    private PoolSettings() {}

    public static PoolOptions apply(PoolOptions options, int maxWaitQueueSize) {
        return options.setConnectionTimeout(0).setMaxWaitQueueSize(maxWaitQueueSize);
    }

    public static List<PgConnectOptions> apply(List<PgConnectOptions> servers, Duration connectTimeout) {
        servers.forEach(o -> o.setConnectTimeout((int) connectTimeout.toMillis()));
        return servers;
    }
}
