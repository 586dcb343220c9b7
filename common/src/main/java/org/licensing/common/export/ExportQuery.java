package org.licensing.common.export;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.licensing.common.auth.Caller;
import org.licensing.common.problem.ProblemException;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The WHERE clause of an export, built the same way by every service: who may see which rows
 * (customer: own licenses; seller: licenses it sells; admin: all), equality filters and a
 * half-open period [from, to) of ISO-8601 instants. Bad input is a 400 naming the query field.
 */
public final class ExportQuery {

    private final StringBuilder sql;
    private final List<Object> args = new ArrayList<>();

    /** {@code select} ends in a WHERE clause ({@code WHERE true}, or conditions on {@code $1..$n} of {@code args}). */
    public ExportQuery(String select, Object... args) {
        this.sql = new StringBuilder(select);
        this.args.addAll(java.util.Arrays.asList(args));
    }

    /** Rows the caller may export: {@code owner} column for customers, either seller column for sellers. */
    public ExportQuery visibleTo(Caller caller, String ownerColumn, String sellerColumn, String productSellerColumn) {
        if (caller.isCustomer()) {
            return equal(ownerColumn, caller.accountId());
        }
        if (!caller.isAdmin()) {
            args.add(caller.accountId());
            sql.append(" AND (").append(sellerColumn).append(" = $").append(args.size()).append(" OR ")
                    .append(productSellerColumn).append(" = $").append(args.size()).append(')');
        }
        return this;
    }

    /** {@code column = value} when the value is given. */
    public ExportQuery equal(String column, Object value) {
        if (value != null) {
            args.add(value);
            sql.append(" AND ").append(column).append(" = $").append(args.size());
        }
        return this;
    }

    /** {@code from <= column < to}, each bound optional, parsed from the query fields "from" and "to". */
    public ExportQuery period(String column, String from, String to) {
        if (from != null && !from.isBlank()) {
            args.add(instant("from", from));
            sql.append(" AND ").append(column).append(" >= $").append(args.size());
        }
        if (to != null && !to.isBlank()) {
            args.add(instant("to", to));
            sql.append(" AND ").append(column).append(" < $").append(args.size());
        }
        return this;
    }

    public String sql(String orderBy) {
        return sql + " ORDER BY " + orderBy;
    }

    public Tuple args() {
        return Tuple.from(args);
    }

    static OffsetDateTime instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO-8601 instant like 2026-11-22T10:00:00Z");
        }
    }
}
