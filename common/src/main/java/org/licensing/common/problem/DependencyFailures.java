package org.licensing.common.problem;

import java.util.Locale;

/**
 * Tells a missing dependency (PostgreSQL or Redis unreachable, a connection cut, a pool that
 * cannot hand out a connection, a call that timed out) from a bug, through the exception types
 * of the Vert.x Redis and PostgreSQL clients, their pools and Hibernate Reactive (which wrap
 * them). The first is answered 503 {@code SERVICE_UNAVAILABLE} with {@code Retry-After}: the
 * client retries; the second stays a 500.
 */
public final class DependencyFailures {

    /** Seconds a client is told to wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final String[] UNAVAILABLE_TYPES = {
            "java.net.ConnectException", "java.net.NoRouteToHostException", "java.net.SocketException",
            "java.nio.channels.ClosedChannelException", "java.util.concurrent.TimeoutException",
            "io.smallrye.mutiny.TimeoutException", "io.netty.channel.ConnectTimeoutException",
            "io.vertx.sqlclient.ClosedConnectionException", "io.vertx.core.http.ConnectionPoolTooBusyException",
            "io.vertx.core.net.impl.ConnectionBase$ClosedChannelException" };
    /** Messages of the clients' generic exceptions (VertxException, NoStackTraceThrowable, RedisConnectionException). */
    private static final String[] UNAVAILABLE_MESSAGES = {
            "connection refused", "connection closed", "connection is closed", "connection reset", "connection was closed",
            "failed to connect", "pool closed", "max wait queue", "wait queue is full", "timeout", "timed out",
            "cannot connect", "not connected", "broken pipe", "loading redis is loading", "client is closed",
            "connection not open", "reached max wait queue size" };
    /** SQLSTATEs of a server that is going away or not accepting connections. */
    private static final String[] UNAVAILABLE_SQLSTATES = { "08", "57P01", "57P02", "57P03", "53300" };

    private DependencyFailures() {}

    /** True when {@code failure} (or anything it wraps) says a dependency is unreachable. */
    public static boolean isUnavailable(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 12; t = t.getCause(), depth++) {
            if (t instanceof ProblemException) {
                return false;
            }
            for (Class<?> c = t.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (String type : UNAVAILABLE_TYPES) {
                    if (type.equals(c.getName())) {
                        return true;
                    }
                }
            }
            String sqlState = sqlState(t);
            if (sqlState != null) {
                for (String s : UNAVAILABLE_SQLSTATES) {
                    if (sqlState.startsWith(s)) {
                        return true;
                    }
                }
                return false; // a real SQL error (a bug or a constraint), not an outage
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (isClientException(t)) {
                for (String m : UNAVAILABLE_MESSAGES) {
                    if (message.contains(m)) {
                        return true;
                    }
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The 503 a request that needs a missing dependency answers. */
    public static ProblemException unavailable() {
        return new ProblemException(503, ProblemCodes.SERVICE_UNAVAILABLE,
                "A service this request needs is unavailable; retry shortly")
                .withHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .withExtension("retry_after_seconds", RETRY_AFTER_SECONDS);
    }

    /** Generic exceptions only count when thrown by the clients, pools or the transport. */
    private static boolean isClientException(Throwable t) {
        String n = t.getClass().getName();
        return n.startsWith("io.vertx.") || n.startsWith("io.netty.") || n.startsWith("io.quarkus.redis")
                || n.startsWith("org.hibernate.") || n.startsWith("java.util.concurrent.") || n.startsWith("java.io.")
                || n.startsWith("io.smallrye.mutiny.");
    }

    /** The SQLSTATE of a PostgreSQL error ({@code io.vertx.pgclient.PgException}), by reflection-free duck typing. */
    private static String sqlState(Throwable t) {
        if (t instanceof io.vertx.pgclient.PgException pg) {
            return pg.getSqlState();
        }
        if (t instanceof java.sql.SQLException sql) {
            return sql.getSQLState();
        }
        return null;
    }
}
