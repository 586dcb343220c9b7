package org.licensing.device.devices;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Caller;
import org.licensing.common.export.ExportQuery;
import org.licensing.common.export.RowExport;

import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/** The rows of a device export, read through a cursor: ownership from license-service's view license_owners. */
@ApplicationScoped
public class DeviceExports {

    private final Pool pool;

    public DeviceExports(Pool pool) {
        this.pool = pool;
    }

    /** Devices the caller may see, oldest first; {@code from}/{@code to} bound the first sighting. */
    public Multi<Row> rows(Caller caller, Long licenseId, String from, String to) {
        ExportQuery q = new ExportQuery("SELECT d.id, d.license_id, d.device_id, d.name, d.user_name, CASE WHEN d.blocked "
                + "THEN 'BLOCKED' WHEN d.bound THEN 'BOUND' ELSE 'UNBOUND' END AS state, d.bound, d.blocked, d.blocked_reason, "
                + "d.ip_address, d.country_code, d.first_seen_at, d.last_seen_at, d.bound_at, d.unbound_at FROM device.devices d "
                + "JOIN license.license_owners o ON o.license_id = d.license_id WHERE true")
                .visibleTo(caller, "o.owner_account_id", "o.seller_id", "o.product_seller_id")
                .equal("d.license_id", licenseId)
                .period("d.first_seen_at", from, to);
        return RowExport.rows(pool, q.sql("d.id"), q.args());
    }
}
