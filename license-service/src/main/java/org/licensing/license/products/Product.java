package org.licensing.license.products;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** A row of {@code license.products}: what a seller sells and the policy its new licenses start from. */
public record Product(long id, long sellerId, String code, String name, String keyScheme, String defaultTerm,
        Integer defaultDurationDays, int defaultMaxDevices, Integer defaultMaxSessions, Map<String, Long> defaultUsageLimits,
        String defaultPrivilege, String defaultLicenseClass, String description, Instant createdAt, Instant updatedAt) {

    public static final String COLUMNS = "id, seller_id, code, name, key_scheme, default_term, default_duration_days,"
            + " default_max_devices, default_max_sessions, default_usage_limits, default_privilege, default_license_class,"
            + " description, created_at, updated_at";

    public static Product from(Row r) {
        return new Product(r.getLong("id"), r.getLong("seller_id"), r.getString("code"), r.getString("name"),
                r.getString("key_scheme"), r.getString("default_term"), r.getInteger("default_duration_days"),
                r.getInteger("default_max_devices"), r.getInteger("default_max_sessions"),
                limits(r.getJsonObject("default_usage_limits")), r.getString("default_privilege"),
                r.getString("default_license_class"), r.getString("description"), instant(r.getOffsetDateTime("created_at")),
                instant(r.getOffsetDateTime("updated_at")));
    }

    public static Map<String, Long> limits(JsonObject o) {
        Map<String, Long> m = new HashMap<>();
        if (o != null) {
            o.forEach(e -> {
                if (e.getValue() instanceof Number n) {
                    m.put(e.getKey(), n.longValue());
                }
            });
        }
        return m;
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
