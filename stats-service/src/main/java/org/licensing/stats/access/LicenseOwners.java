package org.licensing.stats.access;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.stats.access.StatsAccess.LicenseOwnership;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The one reader of license-service's published view {@code license.license_owners} (its migration V40). */
@ApplicationScoped
public class LicenseOwners {

    private final Pool pool;

    public LicenseOwners(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<LicenseOwnership>> license(long licenseId) {
        return pool.preparedQuery("SELECT license_id, seller_id, product_seller_id, owner_account_id FROM license.license_owners"
                + " WHERE license_id = $1").execute(Tuple.of(licenseId)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new LicenseOwnership(r.getLong("license_id"), r.getLong("seller_id"),
                            r.getLong("product_seller_id"), r.getLong("owner_account_id")));
                });
    }

    /** True when the account holds a license this seller sells. */
    public Uni<Boolean> sellerServes(long sellerId, long accountId) {
        return pool.preparedQuery("SELECT 1 FROM license.license_owners WHERE owner_account_id = $2"
                + " AND (seller_id = $1 OR product_seller_id = $1) LIMIT 1")
                .execute(Tuple.of(sellerId, accountId))
                .map(rows -> rows.iterator().hasNext());
    }
}
