package org.licensing.common.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the service's Redis client at a {@link TcpProxy} in front of the test Redis (its database index). */
public class RedisProxyResource implements QuarkusTestResourceLifecycleManager {

    public static volatile TcpProxy proxy;

    @Override
    public Map<String, String> start() {
        try {
            proxy = new TcpProxy("127.0.0.1", 6379);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + proxy.port() + "/" + TestInfra.REDIS_DB,
                "licensing.health.timeout", "2s");
    }

    @Override
    public void stop() {
        try {
            if (proxy != null) {
                proxy.close();
            }
        } catch (Exception ignored) {
            // test over
        }
    }
}
