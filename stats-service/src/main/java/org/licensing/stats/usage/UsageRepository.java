package org.licensing.stats.usage;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;


import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the aggregates (stats schema) and the ownership facts (license schema, read only). */
@ApplicationScoped
public class UsageRepository {

    /** A device's usage row with the license it was last used under. */
    public record DeviceUsage(UsageView usage, Long licenseId) {}

    private final Pool pool;

    public UsageRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<UsageView> totals(String scope, String id) {
        return row(scope, id).map(r -> r.map(UsageRepository::view).orElse(UsageView.of(scope, id, 0, 0, 0, null, null)));
    }

    public Uni<Optional<DeviceUsage>> device(String deviceId) {
        return row("device", deviceId).map(r -> r.map(x -> new DeviceUsage(view(x), x.getLong("license_id"))));
    }

    private Uni<Optional<Row>> row(String scope, String id) {
        return pool.preparedQuery("SELECT scope, scope_id, logins, usage_seconds, heartbeats, license_id, first_seen_at, "
                + "last_seen_at FROM stats.usage_totals WHERE scope = $1 AND scope_id = $2")
                .execute(Tuple.of(scope, id))
                .map(rows -> rows.iterator().hasNext() ? Optional.of(rows.iterator().next()) : Optional.empty());
    }

    public Uni<List<UsageView>> all(String scope, int limit) {
        return pool.preparedQuery("SELECT scope, scope_id, logins, usage_seconds, heartbeats, first_seen_at, last_seen_at "
                + "FROM stats.usage_totals WHERE scope = $1 ORDER BY usage_seconds DESC, scope_id LIMIT $2")
                .execute(Tuple.of(scope, limit))
                .map(rows -> {
                    List<UsageView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    /** Devices used under one license. */
    public Uni<List<UsageView>> devicesOfLicense(long licenseId) {
        return pool.preparedQuery("SELECT scope, scope_id, logins, usage_seconds, heartbeats, first_seen_at, last_seen_at "
                + "FROM stats.usage_totals WHERE scope = 'device' AND license_id = $1 ORDER BY last_seen_at DESC NULLS LAST")
                .execute(Tuple.of(licenseId))
                .map(rows -> {
                    List<UsageView> out = new ArrayList<>();
                    rows.forEach(r -> out.add(view(r)));
                    return out;
                });
    }

    public Uni<DailyUsage> daily(String scope, String id, LocalDate from, LocalDate to) {
        return pool.preparedQuery("SELECT day, logins, usage_seconds, heartbeats FROM stats.usage_daily "
                + "WHERE scope = $1 AND scope_id = $2 AND day BETWEEN $3 AND $4")
                .execute(Tuple.of(scope, id, from, to))
                .map(rows -> series(scope, id, from, to, rows));
    }

    /** One point per day of [from, to], days without a row at zero. */
    private static DailyUsage series(String scope, String id, LocalDate from, LocalDate to, Iterable<Row> rows) {
        Map<LocalDate, DailyUsage.Point> byDay = new HashMap<>();
        for (Row r : rows) {
            LocalDate d = r.getLocalDate("day");
            byDay.put(d, new DailyUsage.Point(d, r.getLong("logins"), r.getLong("usage_seconds"), r.getLong("heartbeats")));
        }
        List<DailyUsage.Point> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(byDay.getOrDefault(d, new DailyUsage.Point(d, 0, 0, 0)));
        }
        return new DailyUsage(scope, id, from, to, days);
    }

    /**
     * Usage per day summed over all of a seller's licenses (the license rows of usage_daily, found through
     * license-service's read view license_owners): the seller-wide series, added up here and never in the browser.
     */
    public Uni<DailyUsage> sellerDaily(long sellerId, LocalDate from, LocalDate to) {
        return pool.preparedQuery("SELECT d.day, sum(d.logins) AS logins, sum(d.usage_seconds) AS usage_seconds, "
                + "sum(d.heartbeats) AS heartbeats FROM license.license_owners o JOIN stats.usage_daily d "
                + "ON d.scope = 'license' AND d.scope_id = o.license_id::text AND d.day BETWEEN $2 AND $3 "
                + "WHERE o.seller_id = $1 GROUP BY d.day")
                .execute(Tuple.of(sellerId, from, to))
                .map(rows -> series("seller", Long.toString(sellerId), from, to, rows));
    }

    /** Aggregation progress per partition, from the offsets table (cluster-wide, unlike the instance metrics). */
    public Uni<List<Map<String, Object>>> offsets() {
        return pool.query("SELECT stream_key, last_id, last_entry_at, entries_applied, updated_at FROM stats.stream_offsets "
                + "ORDER BY stream_key").execute().map(rows -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Row r : rows) {
                        Map<String, Object> m = new java.util.LinkedHashMap<>();
                        m.put("stream_key", r.getString("stream_key"));
                        m.put("last_id", r.getString("last_id"));
                        OffsetDateTime at = r.getOffsetDateTime("last_entry_at");
                        m.put("last_entry_at", at);
                        m.put("entries_applied", r.getLong("entries_applied"));
                        m.put("updated_at", r.getOffsetDateTime("updated_at"));
                        out.add(m);
                    }
                    return out;
                });
    }

    private static UsageView view(Row r) {
        return UsageView.of(r.getString("scope"), r.getString("scope_id"), r.getLong("logins"), r.getLong("usage_seconds"),
                r.getLong("heartbeats"), r.getOffsetDateTime("first_seen_at"), r.getOffsetDateTime("last_seen_at"));
    }
}
