package org.licensing.license.licenses;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Caller;
import org.licensing.common.export.ExportQuery;
import org.licensing.common.export.RowExport;
import org.licensing.common.licenses.LicenseStatus;
import org.licensing.common.problem.ProblemException;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** The rows of a license export, read through a cursor (never the key: only its readable hint). */
@ApplicationScoped
public class LicenseExports {

    private final Pool pool;

    public LicenseExports(Pool pool) {
        this.pool = pool;
    }

    /** Licenses the caller may see, oldest first; {@code from}/{@code to} bound the issue time. */
    public Multi<Row> rows(Caller caller, String status, Long productId, String from, String to) {
        ExportQuery q = new ExportQuery("SELECT l.id, p.code AS product_code, l.key_hint, l.status, l.type, l.privilege, "
                + "l.term, l.max_devices, l.max_sessions, l.seller_id, l.owner_account_id, o.username AS owner_username, "
                + "l.created_at, l.activated_at, l.expires_at, l.suspended_at, l.revoked_at, l.last_validated_at, l.batch_id::text "
                + "AS batch_id FROM license.licenses l JOIN license.products p ON p.id = l.product_id "
                + "LEFT JOIN license.accounts o ON o.id = l.owner_account_id WHERE true")
                .visibleTo(caller, "l.owner_account_id", "l.seller_id", "p.seller_id")
                .equal("l.status", status == null || status.isBlank() ? null : status(status).name())
                .equal("l.product_id", productId)
                .period("l.created_at", from, to);
        return RowExport.rows(pool, q.sql("l.id"), q.args());
    }

    private static LicenseStatus status(String value) {
        try {
            return LicenseStatus.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("status", "is not a license status");
        }
    }
}
