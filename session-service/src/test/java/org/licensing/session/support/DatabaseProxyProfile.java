package org.licensing.session.support;

import java.util.List;
import java.util.Map;

import org.licensing.common.testing.TcpProxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

/** The reactive PostgreSQL pool goes through a proxy the test can cut (Flyway's JDBC URL stays direct). */
public class DatabaseProxyProfile implements QuarkusTestProfile {

    public static volatile TcpProxy proxy;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(Resource.class), new TestResourceEntry(ForeignSchemas.class));
    }

    public static class Resource implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                proxy = new TcpProxy("127.0.0.1", 5432);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + org.licensing.common.testing.TestInfra.DB_NAME);
        }

        @Override
        public void stop() {
            try {
                proxy.close();
            } catch (Exception ignored) {
                // test over
            }
        }
    }
}
