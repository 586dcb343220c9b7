package org.licensing.common.db;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * A write transaction on a hot path whose {@code BEGIN} travels with its first statements and whose
 * {@code COMMIT} with its last, in one write each (PostgreSQL runs pipelined statements of a
 * connection one after the other, so their order and each statement's snapshot are as if sent one
 * by one). {@code Pool.withTransaction} sends BEGIN and COMMIT as round trips of their own and holds
 * COMMIT until every statement answered: on activation that was two of six round trips.
 *
 * <p>Why it is safe: every statement's answer is awaited, and the transaction fails if any failed.
 * PostgreSQL answers a COMMIT of a transaction that an error aborted with a rollback (command tag
 * {@code ROLLBACK}, not an error), so nothing after a failed statement commits; the failed
 * statement's own answer fails the whole. On any failure (a statement, a rule thrown between
 * statements) {@code ROLLBACK} is sent before the connection returns to the pool, so a pooled
 * connection is never left inside a transaction.
 */
public final class PipelinedTransaction {

    private final SqlConnection connection;

    private PipelinedTransaction(SqlConnection connection) {
        this.connection = connection;
    }

    /** Runs {@code work} on one pooled connection; it must open with {@link #begin} and end with {@link #commit}. */
    public static <T> Uni<T> run(Pool pool, Function<PipelinedTransaction, Uni<T>> work) {
        return pool.withConnection(conn -> {
            PipelinedTransaction tx = new PipelinedTransaction(conn);
            return Uni.createFrom().deferred(() -> work.apply(tx))
                    .onFailure().call(() -> conn.query("ROLLBACK").execute().onFailure().recoverWithNull());
        });
    }

    /** The connection, for statements sent one at a time inside the transaction (e.g. an outbox append). */
    public SqlConnection connection() {
        return connection;
    }

    /**
     * BEGIN and then {@code statements} (not yet subscribed Unis of statements on {@link #connection()}),
     * in one write; their results in order.
     */
    public Uni<List<Object>> begin(Uni<?>... statements) {
        List<Uni<?>> all = new ArrayList<>(statements.length + 1);
        all.add(connection.query("BEGIN").execute());
        all.addAll(Arrays.asList(statements));
        return together(all).map(results -> results.subList(1, results.size()));
    }

    /** {@code statements} and then COMMIT, in one write; their results in order. */
    public Uni<List<Object>> commit(List<Uni<?>> statements) {
        List<Uni<?>> all = new ArrayList<>(statements);
        all.add(connection.query("COMMIT").execute());
        return together(all).map(results -> results.subList(0, statements.size()));
    }

    /**
     * Subscribes in list order (so the statements are queued on the connection in that order) and waits
     * for every answer. A failure is reported once all answered, as the first statement's that failed
     * (those after it only say the transaction was aborted), so callers map it like any statement's.
     */
    @SuppressWarnings("unchecked")
    private static Uni<List<Object>> together(List<Uni<?>> statements) {
        return Uni.combine().all().unis(statements).collectFailures().with(results -> (List<Object>) results)
                .onFailure(CompositeException.class).transform(f -> ((CompositeException) f).getCauses().get(0));
    }
}
