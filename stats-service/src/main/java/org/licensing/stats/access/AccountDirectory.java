package org.licensing.stats.access;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The one reader of license-service's published view {@code license.account_directory} (its migration V40). */
@ApplicationScoped
public class AccountDirectory {

    private final Pool pool;

    public AccountDirectory(Pool pool) {
        this.pool = pool;
    }

    public Uni<Boolean> exists(long accountId) {
        return pool.preparedQuery("SELECT 1 FROM license.account_directory WHERE id = $1").execute(Tuple.of(accountId))
                .map(rows -> rows.iterator().hasNext());
    }
}
