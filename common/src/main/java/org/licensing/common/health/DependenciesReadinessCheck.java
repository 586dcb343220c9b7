package org.licensing.common.health;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Ready only while PostgreSQL and Redis both answer, each within a bounded time, so a dead
 * dependency shows as DOWN within seconds and UP again once it returns (new connections are made
 * by the pools; no restart needed).
 */
@Readiness
@ApplicationScoped
public class DependenciesReadinessCheck implements AsyncHealthCheck {

    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final Duration timeout;

    public DependenciesReadinessCheck(Pool pool, ReactiveRedisDataSource redis,
            @ConfigProperty(name = "licensing.health.timeout", defaultValue = "3s") Duration timeout) {
        this.pool = pool;
        this.redis = redis;
        this.timeout = timeout;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Uni<String> pg = pool.query("SELECT 1").execute().map(r -> "UP")
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(f -> "DOWN: " + f.getClass().getSimpleName());
        Uni<String> rd = redis.execute("PING").map(r -> "UP")
                .ifNoItem().after(timeout).fail()
                .onFailure().recoverWithItem(f -> "DOWN: " + f.getClass().getSimpleName());
        return Uni.combine().all().unis(pg, rd).asTuple().map(t -> HealthCheckResponse.named("dependencies")
                .withData("postgresql", t.getItem1())
                .withData("redis", t.getItem2())
                .status("UP".equals(t.getItem1()) && "UP".equals(t.getItem2()))
                .build());
    }
}
