package org.licensing.common.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a cuttable {@link TcpProxy} in front of the test Redis and the test PostgreSQL (the
 * reactive pool; Flyway's JDBC URL stays direct), so an outage test can take either away and give
 * it back without touching the shared servers.
 */
public class OutageProxies implements QuarkusTestResourceLifecycleManager {

    public static volatile TcpProxy redis;
    public static volatile TcpProxy postgres;

    @Override
    public Map<String, String> start() {
        try {
            redis = new TcpProxy("127.0.0.1", 6379);
            postgres = new TcpProxy("127.0.0.1", 5432);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port() + "/" + TestInfra.REDIS_DB,
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + postgres.port() + "/" + TestInfra.DB_NAME,
                "licensing.health.timeout", "2s");
    }

    @Override
    public void stop() {
        for (TcpProxy p : new TcpProxy[] { redis, postgres }) {
            try {
                if (p != null) {
                    p.close();
                }
            } catch (Exception ignored) {
                // test over
            }
        }
    }

    /** Runs {@code during} with {@code proxy} cut, and restores it whatever happens. */
    public static void without(TcpProxy proxy, ThrowingRunnable during) throws Exception {
        proxy.cut();
        try {
            during.run();
        } finally {
            proxy.open();
        }
    }

    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
