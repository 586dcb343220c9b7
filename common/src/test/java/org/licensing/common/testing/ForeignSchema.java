package org.licensing.common.testing;

import org.flywaydb.core.Flyway;

/**
 * Tests of a service that reads another service's schema (device-service reads {@code license})
 * migrate that schema exactly as its owner would: same scripts (copied onto the test classpath by
 * the module's build), same history table. If the owner already migrated it, nothing happens.
 */
public final class ForeignSchema {

    private ForeignSchema() {}

    public static void migrate(String schema) {
        Flyway.configure()
                .dataSource(TestInfra.JDBC_URL, "licensing", "licensing")
                .schemas(schema)
                .table("flyway_history_" + schema)
                .locations("classpath:db/" + schema, "classpath:db/foundation")
                .load()
                .migrate();
    }
}
