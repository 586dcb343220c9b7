package org.licensing.stats.validations;

/**
 * How validation outcomes are counted: per UTC day, valid vs refused, per seller and per license, in
 * {@code stats.validation_daily}. The counting is a data-modifying CTE that reads {@code stored}, the rows
 * the event-log INSERT of the same statement actually inserted (ON CONFLICT DO NOTHING returns none for
 * a duplicate), so each stored event is counted exactly once, in the batch's own transaction. Rows are
 * upserted in key order, as every batch does, so concurrent partitions never lock in opposite orders.
 * Anything not a {@code true} {@code valid} is refused; an unreadable seller id is left out, never cast.
 */
public final class ValidationCounts {

    /** Columns the event-log INSERT must return for {@link #COUNT_STORED}. */
    public static final String STORED_COLUMNS = "id, type, license_id, details, created_at";

    public static final String COUNT_STORED = "counted AS (INSERT INTO stats.validation_daily AS v "
            + "(scope, scope_id, day, valid, refused) "
            + "SELECT k.scope, k.scope_id, (s.created_at AT TIME ZONE 'UTC')::date, "
            + "count(*) FILTER (WHERE s.details -> 'valid' = 'true'::jsonb), "
            + "count(*) FILTER (WHERE s.details -> 'valid' IS DISTINCT FROM 'true'::jsonb) "
            + "FROM stored s CROSS JOIN LATERAL (VALUES "
            + "('seller', CASE WHEN s.details ->> 'seller_id' ~ '^[0-9]{1,18}$' THEN (s.details ->> 'seller_id')::bigint END), "
            + "('license', s.license_id)) AS k(scope, scope_id) "
            + "WHERE s.type = 'license.validated' AND k.scope_id IS NOT NULL "
            + "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 "
            + "ON CONFLICT (scope, scope_id, day) DO UPDATE SET valid = v.valid + EXCLUDED.valid, "
            + "refused = v.refused + EXCLUDED.refused)";

    private ValidationCounts() {}
}
