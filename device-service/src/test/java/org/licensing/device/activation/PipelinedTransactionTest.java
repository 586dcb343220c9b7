package org.licensing.device.activation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.licensing.common.db.PipelinedTransaction;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The guarantees activation relies on, against real PostgreSQL: what a pipelined transaction commits
 * is there, a failed statement or a refused rule leaves nothing behind, the failure reported is the
 * statement's own, and no pooled connection stays inside a transaction.
 */
@QuarkusTest
class PipelinedTransactionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String LOCK = "INSERT INTO device.license_slots (license_id) VALUES ($1)"
            + " ON CONFLICT (license_id) DO UPDATE SET last_bind_at = now()";
    private static final String READ = "SELECT count(*) FROM device.license_slots WHERE license_id = $1";

    @Inject
    Pool pool;

    @Test
    void whatIsSentWithCommitIsCommittedAndTheReadSeesTheStatementBeforeIt() throws InterruptedException {
        long a = freshId();
        long b = freshId();
        long seen = PipelinedTransaction.run(pool, tx -> tx.begin(
                        tx.connection().preparedQuery(LOCK).execute(Tuple.of(a)),
                        tx.connection().preparedQuery(READ).execute(Tuple.of(a)))
                .chain(results -> tx.commit(List.of(tx.connection().preparedQuery(LOCK).execute(Tuple.of(b))))
                        .replaceWith(count(results.get(1)))))
                .await().atMost(WAIT);
        assertEquals(1, seen, "the read pipelined after the insert runs after it");
        assertEquals(1, committed(a));
        assertEquals(1, committed(b));
        assertNoConnectionInsideATransaction();
    }

    @Test
    void aFailedStatementSentWithCommitCommitsNothingAndIsTheFailureReported() throws InterruptedException {
        long a = freshId();
        Uni<Object> failing = PipelinedTransaction.run(pool, tx -> tx.begin(tx.connection().preparedQuery(LOCK).execute(Tuple.of(a)))
                .chain(() -> tx.commit(List.of(tx.connection().query("SELECT 1 / 0").execute(),
                        tx.connection().preparedQuery(READ).execute(Tuple.of(a))))));
        PgException e = assertThrows(PgException.class, () -> failing.await().atMost(WAIT));
        assertEquals("22012", e.getSqlState(), "division by zero, not the aborted transaction after it");
        assertEquals(0, committed(a), "the COMMIT after a failed statement rolled back");
        assertNoConnectionInsideATransaction();
    }

    @Test
    void aRuleRefusingBetweenStatementsRollsBack() throws InterruptedException {
        long a = freshId();
        Uni<Object> refused = PipelinedTransaction.run(pool, tx -> tx.begin(tx.connection().preparedQuery(LOCK).execute(Tuple.of(a)))
                .map(results -> {
                    throw new IllegalStateException("limit reached");
                }));
        assertThrows(IllegalStateException.class, () -> refused.await().atMost(WAIT));
        assertEquals(0, committed(a));
        assertNoConnectionInsideATransaction();
    }

    private static long freshId() {
        return 3_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    @SuppressWarnings("unchecked")
    private static long count(Object rows) {
        return ((RowSet<Row>) rows).iterator().next().getLong(0);
    }

    private long committed(long licenseId) {
        return pool.preparedQuery(READ).execute(Tuple.of(licenseId)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    /**
     * A connection returned to the pool mid-transaction stays idle in transaction for good; the app's own
     * relays are so for milliseconds, hence the second of grace.
     */
    private void assertNoConnectionInsideATransaction() throws InterruptedException {
        Thread.sleep(1_500);
        long open = pool.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'"
                + " AND state_change < now() - interval '1 second'").execute().await().atMost(WAIT)
                .iterator().next().getLong(0);
        assertTrue(open == 0, open + " connection(s) left idle in transaction");
    }
}
