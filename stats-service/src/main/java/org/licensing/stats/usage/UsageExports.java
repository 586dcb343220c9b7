package org.licensing.stats.usage;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Caller;
import org.licensing.common.export.ExportQuery;
import org.licensing.common.export.RowExport;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The rows of a usage export (one per day and license), read through a cursor: ownership and product
 * code from license-service's read views, never its tables.
 */
@ApplicationScoped
public class UsageExports {

    private final Pool pool;

    public UsageExports(Pool pool) {
        this.pool = pool;
    }

    /** Usage per day of the licenses the caller may see, days {@code start..end} inclusive. */
    public Multi<Row> rows(Caller caller, LocalDate start, LocalDate end, Long licenseId) {
        ExportQuery q = new ExportQuery("SELECT d.day, o.license_id, s.product_code AS product, d.logins, d.usage_seconds, "
                + "d.heartbeats FROM stats.usage_daily d JOIN license.license_owners o ON d.scope = 'license' "
                + "AND d.scope_id = o.license_id::text JOIN license.license_snapshots s ON s.id = o.license_id "
                + "WHERE d.day BETWEEN $1 AND $2", start, end)
                .visibleTo(caller, "o.owner_account_id", "o.seller_id", "o.product_seller_id")
                .equal("o.license_id", licenseId);
        return RowExport.rows(pool, q.sql("d.day, o.license_id"), q.args());
    }
}
