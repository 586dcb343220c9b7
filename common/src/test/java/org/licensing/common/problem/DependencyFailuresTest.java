package org.licensing.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

class DependencyFailuresTest {

    @Test
    void unreachableServersAndCutConnectionsAreOutages() {
        assertTrue(DependencyFailures.isUnavailable(new ConnectException("Connection refused: /127.0.0.1:6379")));
        assertTrue(DependencyFailures.isUnavailable(ClosedConnectionException.INSTANCE));
        assertTrue(DependencyFailures.isUnavailable(new CompletionException(new org.hibernate.HibernateException(ClosedConnectionException.INSTANCE))));
        assertTrue(DependencyFailures.isUnavailable(new VertxException("Connection closed", true)));
        assertTrue(DependencyFailures.isUnavailable(new io.smallrye.mutiny.TimeoutException()));
        assertTrue(DependencyFailures.isUnavailable(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertTrue(DependencyFailures.isUnavailable(new PgException("the database system is starting up", "FATAL", "57P03", null)));
    }

    @Test
    void bugsAndRefusalsStayWhatTheyAre() {
        assertFalse(DependencyFailures.isUnavailable(new NullPointerException()));
        assertFalse(DependencyFailures.isUnavailable(new IllegalStateException("Connection closed"))); // not a client's exception
        assertFalse(DependencyFailures.isUnavailable(new PgException("invalid byte sequence", "ERROR", "22021", null)));
        assertFalse(DependencyFailures.isUnavailable(new RuntimeException(new PgException("duplicate key", "ERROR", "23505", null))));
        assertFalse(DependencyFailures.isUnavailable(new ProblemException(409, "CONFLICT", "no")));
    }

    @Test
    void theAnswerIsA503WithRetryAfter() {
        ProblemException p = DependencyFailures.unavailable();
        assertEquals(503, p.status());
        assertEquals(ProblemCodes.SERVICE_UNAVAILABLE, p.code());
        assertEquals("5", p.headers().get("Retry-After"));
    }
}
