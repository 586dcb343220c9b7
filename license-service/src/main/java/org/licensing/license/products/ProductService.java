package org.licensing.license.products;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** Sellers' products. A seller sees and changes only its own; admins see all. */
@ApplicationScoped
public class ProductService {


    private final Pool pool;

    public ProductService(Pool pool) {
        this.pool = pool;
    }

    public record ProductInput(String code, String name, String keyScheme, String defaultTerm, Integer defaultDurationDays,
            Integer defaultMaxDevices, Integer defaultMaxSessions, Map<String, Object> defaultUsageLimits,
            String defaultPrivilege, String defaultLicenseClass, String description) {}

    public Uni<Product> create(long sellerId, ProductInput in) {
        String code = PolicyRules.productCode(in.code());
        String name = PolicyRules.name(in.name(), "name");
        String scheme = PolicyRules.keyScheme(in.keyScheme(), "SEGMENTED");
        String term = PolicyRules.term(in.defaultTerm(), "LIFETIME");
        Integer days = PolicyRules.durationDays(in.defaultDurationDays(), "default_duration_days");
        Integer maxDevices = PolicyRules.maxDevices(in.defaultMaxDevices(), "default_max_devices");
        Integer maxSessions = PolicyRules.maxSessions(in.defaultMaxSessions(), "default_max_sessions");
        Map<String, Long> limits = PolicyRules.usageLimits(in.defaultUsageLimits(), "default_usage_limits");
        String privilege = PolicyRules.oneOf(in.defaultPrivilege(), PolicyRules.PRIVILEGES, "default_privilege", "BASIC");
        String cls = PolicyRules.oneOf(in.defaultLicenseClass(), PolicyRules.CLASSES, "default_license_class", "REGULAR");
        return pool.preparedQuery("INSERT INTO license.products (seller_id, code, name, key_scheme, default_term,"
                + " default_duration_days, default_max_devices, default_max_sessions, default_usage_limits, default_privilege,"
                + " default_license_class, description) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING "
                + Product.COLUMNS)
                .execute(Tuple.from(java.util.Arrays.asList(sellerId, code, name, scheme, term, days,
                        maxDevices == null ? 1 : maxDevices, maxSessions, new JsonObject(limits == null ? Map.of() : Map.copyOf(limits)),
                        privilege, cls, in.description())))
                .map(rows -> Product.from(rows.iterator().next()))
                .onFailure(PgException.class).transform(t -> "23505".equals(((PgException) t).getSqlState())
                        ? ProblemException.conflict(LicenseCodes.PRODUCT_CODE_TAKEN, "You already have a product with code " + code)
                        : t);
    }

    /** Partial update: null fields stay; the code never changes (keys carry it). */
    public Uni<Product> update(Caller caller, long id, ProductInput in) {
        if (in.code() != null) {
            throw ProblemException.invalidField("code", "cannot be changed: issued keys carry it");
        }
        return require(caller, id).chain(p -> {
            String name = in.name() == null ? p.name() : PolicyRules.name(in.name(), "name");
            String scheme = PolicyRules.keyScheme(in.keyScheme(), p.keyScheme());
            String term = PolicyRules.term(in.defaultTerm(), p.defaultTerm());
            Integer days = in.defaultDurationDays() == null ? p.defaultDurationDays()
                    : PolicyRules.durationDays(in.defaultDurationDays(), "default_duration_days");
            int maxDevices = in.defaultMaxDevices() == null ? p.defaultMaxDevices()
                    : PolicyRules.maxDevices(in.defaultMaxDevices(), "default_max_devices");
            Integer maxSessions = in.defaultMaxSessions() == null ? p.defaultMaxSessions()
                    : PolicyRules.maxSessions(in.defaultMaxSessions(), "default_max_sessions");
            Map<String, Long> limits = in.defaultUsageLimits() == null ? p.defaultUsageLimits()
                    : PolicyRules.usageLimits(in.defaultUsageLimits(), "default_usage_limits");
            String privilege = PolicyRules.oneOf(in.defaultPrivilege(), PolicyRules.PRIVILEGES, "default_privilege", p.defaultPrivilege());
            String cls = PolicyRules.oneOf(in.defaultLicenseClass(), PolicyRules.CLASSES, "default_license_class", p.defaultLicenseClass());
            String description = in.description() == null ? p.description() : in.description();
            return pool.preparedQuery("UPDATE license.products SET name = $2, key_scheme = $3, default_term = $4,"
                    + " default_duration_days = $5, default_max_devices = $6, default_max_sessions = $7, default_usage_limits = $8,"
                    + " default_privilege = $9, default_license_class = $10, description = $11, updated_at = now() WHERE id = $1"
                    + " RETURNING " + Product.COLUMNS)
                    .execute(Tuple.from(java.util.Arrays.asList(id, name, scheme, term, days, maxDevices, maxSessions,
                            new JsonObject(Map.copyOf(limits)), privilege, cls, description)))
                    .map(rows -> Product.from(rows.iterator().next()));
        });
    }

    public Uni<List<Product>> list(Caller caller) {
        String sql = "SELECT " + Product.COLUMNS + " FROM license.products" + (caller.isAdmin() ? "" : " WHERE seller_id = $1")
                + " ORDER BY id";
        Tuple args = caller.isAdmin() ? Tuple.tuple() : Tuple.of(caller.accountId());
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Product> out = new ArrayList<>();
            rows.forEach(r -> out.add(Product.from(r)));
            return out;
        });
    }

    /** The product if the caller may manage it; 404 otherwise (another seller's id is not revealed). */
    public Uni<Product> require(Caller caller, long id) {
        return byId(pool, id).map(p -> {
            if (p == null || !caller.isAdmin() && p.sellerId() != caller.accountId()) {
                throw ProblemException.notFound(LicenseCodes.PRODUCT_NOT_FOUND, "No product " + id);
            }
            return p;
        });
    }

    public static Uni<Product> byId(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + Product.COLUMNS + " FROM license.products WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.iterator().hasNext() ? Product.from(rows.iterator().next()) : null);
    }
}
