package org.licensing.common.testing;

/**
 * Where the tests' PostgreSQL database and Redis database index are. Defaults are the README's
 * ({@code licensing_test}, Redis db 1); {@code LM_TEST_DB} and {@code LM_TEST_REDIS_DB} move them so
 * that two checkouts can run their suites at the same time without sharing rows or keys.
 */
public final class TestInfra {

    public static final String DB_NAME = env("LM_TEST_DB", "licensing_test");
    public static final String JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/" + DB_NAME;
    public static final String REDIS_DB = env("LM_TEST_REDIS_DB", "1");

    private TestInfra() {}

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
