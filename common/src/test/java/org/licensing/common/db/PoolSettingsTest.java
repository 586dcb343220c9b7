package org.licensing.common.db;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnectOptions;

/**
 * The cause of "IllegalStateException: Result is already complete" after a PostgreSQL outage,
 * shown on a real Vert.x pool against a port nobody listens on, and the settings that remove it.
 */
class PoolSettingsTest {

    private Vertx vertx;
    private final List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    private PgConnectOptions unreachable;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        vertx.exceptionHandler(uncaught::add);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        unreachable = new PgConnectOptions().setHost("127.0.0.1").setPort(port).setDatabase("none").setUser("none").setPassword("none");
    }

    @AfterEach
    void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private static void failsWithin(Pool pool, Duration within) {
        long t0 = System.nanoTime();
        boolean failed = pool.query("SELECT 1").execute().toCompletionStage().toCompletableFuture()
                .handle((ok, err) -> err != null).orTimeout(within.toMillis() + 2000, TimeUnit.MILLISECONDS).join();
        assertTrue(failed, "a query to an unreachable server fails");
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(within) <= 0, "and fails quickly");
    }

    private boolean resultAlreadyComplete() {
        return uncaught.stream().anyMatch(t -> t instanceof IllegalStateException && "Result is already complete".equals(t.getMessage()));
    }

    @Test
    void withAPoolConnectionTimeoutAFailedAcquisitionLeavesATimerThatFailsTwice() throws Exception {
        // Vert.x's own behaviour (4.5.x, eclipse-vertx/vertx-sql-client#1706), with the 30 s default shortened
        Pool pool = PgBuilder.pool().with(new PoolOptions().setConnectionTimeout(300).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectingTo(unreachable).using(vertx).build();
        failsWithin(pool, Duration.ofSeconds(3));
        Thread.sleep(1000);
        assertTrue(resultAlreadyComplete(), "the upstream defect this class works around; if Vert.x fixed it, PoolSettings can keep its timeout: " + uncaught);
    }

    @Test
    void theServicesPoolSettingsFailFastAndLeaveNothingBehind() throws Exception {
        Pool pool = PgBuilder.pool().with(PoolSettings.apply(new PoolOptions(), 100))
                .connectingTo(new ArrayList<SqlConnectOptions>(PoolSettings.apply(new ArrayList<>(List.of(unreachable)), Duration.ofSeconds(2))))
                .using(vertx).build();
        for (int i = 0; i < 20; i++) {
            failsWithin(pool, Duration.ofSeconds(3));
        }
        Thread.sleep(1000);
        assertTrue(uncaught.isEmpty(), "no failure reported outside a request: " + uncaught);
    }
}
