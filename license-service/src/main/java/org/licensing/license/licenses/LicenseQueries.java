package org.licensing.license.licenses;

import org.licensing.common.licenses.LicenseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Caller;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;
import org.licensing.license.products.PolicyRules;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Listing and reading licenses, each caller seeing only what it may (ids of others answer 404). */
@ApplicationScoped
public class LicenseQueries {

    private final Pool pool;
    private final LicenseKeys keys;

    public LicenseQueries(Pool pool, LicenseKeys keys) {
        this.pool = pool;
        this.keys = keys;
    }

    public record Filter(String status, Long productId, Long ownerAccountId, Instant expiringBefore, String key, int page,
            int size) {}

    public record Page(List<LicenseView> items, long total, int page, int size) {}

    /** Sellers: their products' licenses; customers: their own; admins: all. */
    public Uni<Page> list(Caller caller, Filter f) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (caller.isSeller()) {
            args.add(caller.accountId());
            where.append(" AND l.seller_id = $").append(args.size());
        } else if (caller.isCustomer()) {
            args.add(caller.accountId());
            where.append(" AND l.owner_account_id = $").append(args.size());
        } else if (!caller.isAdmin()) {
            throw ProblemException.forbidden("Only sellers, customers and admins list licenses");
        }
        if (f.status() != null && !f.status().isBlank()) {
            args.add(PolicyRules.oneOf(f.status(), Arrays.stream(LicenseStatus.values()).map(Enum::name).toList(), "status", null));
            where.append(" AND l.status = $").append(args.size());
        }
        if (f.productId() != null) {
            args.add(f.productId());
            where.append(" AND l.product_id = $").append(args.size());
        }
        if (f.ownerAccountId() != null) {
            args.add(f.ownerAccountId());
            where.append(" AND l.owner_account_id = $").append(args.size());
        }
        if (f.expiringBefore() != null) {
            args.add(LicenseRows.utc(f.expiringBefore()));
            where.append(" AND l.expires_at < $").append(args.size());
        }
        KeySearch key = keys.search(f.key());
        if (key != null && key.keyHash() != null) {
            args.add(key.keyHash());
            where.append(" AND l.key_hash = $").append(args.size());
        } else if (key != null) {
            args.add(key.hintFragment().toUpperCase(java.util.Locale.ROOT));
            where.append(" AND strpos(upper(l.key_hint), $").append(args.size()).append(") > 0");
        }
        Tuple t = Tuple.from(args);
        boolean internal = !caller.isCustomer();
        return pool.preparedQuery("SELECT count(*) AS n FROM license.licenses l" + where).execute(t)
                .map(rows -> rows.iterator().next().getLong("n"))
                .chain(total -> pool.preparedQuery(License.SELECT + where + " ORDER BY l.id DESC LIMIT " + f.size() + " OFFSET "
                        + ((long) f.page() * f.size())).execute(t).map(rows -> {
                            List<LicenseView> items = new ArrayList<>();
                            rows.forEach(r -> items.add(LicenseView.of(License.from(r), internal)));
                            return new Page(items, total, f.page(), f.size());
                        }));
    }

    public Uni<LicenseView> get(Caller caller, long id) {
        return visible(caller, id).map(l -> LicenseView.of(l, !caller.isCustomer()));
    }

    /** The plain key, for its owner, its seller and admins. */
    public Uni<Map<String, Object>> readKey(Caller caller, long id) {
        return visible(caller, id).map(l -> Map.of("id", l.id(), "key", keys.decrypt(l.keyEncrypted()), "key_scheme", l.keyScheme()));
    }

    private Uni<License> visible(Caller caller, long id) {
        return LicenseRows.byIdIn(pool, id, false).map(l -> {
            if (l == null || !l.visibleTo(caller)) {
                throw ProblemException.notFound(LicenseCodes.LICENSE_NOT_FOUND, "No license " + id);
            }
            return l;
        });
    }
}
