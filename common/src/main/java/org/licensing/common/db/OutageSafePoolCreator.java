package org.licensing.common.db;

import java.time.Duration;
import java.util.ArrayList;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;

/** Creates every service's reactive PostgreSQL pool with {@link PoolSettings} (Quarkus calls it once at start). */
@Singleton
public class OutageSafePoolCreator implements PgPoolCreator {

    private final Duration connectTimeout;
    private final int maxWaitQueueSize;

    public OutageSafePoolCreator(@ConfigProperty(name = "licensing.db.connect-timeout", defaultValue = "5s") Duration connectTimeout,
            @ConfigProperty(name = "licensing.db.max-wait-queue", defaultValue = "2000") int maxWaitQueueSize) {
        this.connectTimeout = connectTimeout;
        this.maxWaitQueueSize = maxWaitQueueSize;
    }

    @Override
    public Pool create(Input input) {
        return PgBuilder.pool()
                .with(PoolSettings.apply(input.poolOptions(), maxWaitQueueSize))
                .connectingTo(new ArrayList<SqlConnectOptions>(PoolSettings.apply(input.pgConnectOptionsList(), connectTimeout)))
                .using(input.vertx())
                .build();
    }
}
