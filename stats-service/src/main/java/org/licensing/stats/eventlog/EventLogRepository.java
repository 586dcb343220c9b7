package org.licensing.stats.eventlog;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Caller;
import org.licensing.common.export.RowExport;
import org.licensing.common.problem.ProblemException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The SQL of the event log: which rows a caller may read (an administrator everything, a seller the
 * events of the licenses it sells, a customer those of its own account) under the filters, as a
 * newest-first keyset page or as an oldest-first stream for exports.
 */
@ApplicationScoped
public class EventLogRepository {

    /** The filters of the list and the export; from inclusive, to exclusive. */
    public record Filter(String type, Long accountId, Long licenseId, String deviceId, OffsetDateTime from, OffsetDateTime to) {

        public static Filter of(String type, Long accountId, Long licenseId, String deviceId, String from, String to) {
            return new Filter(type, accountId, licenseId, deviceId, instant("from", from), instant("to", to));
        }
    }

    private static final String COLUMNS = "SELECT id, type, level, account_id, license_id, device_id, actor_id, "
            + "ip_address, source, details, created_at FROM stats.event_log WHERE true";

    private final Pool pool;

    public EventLogRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<EventLogResource.EventPage> page(Caller caller, Filter f, EventCursor cursor, int size) {
        StringBuilder sql = new StringBuilder(COLUMNS);
        List<Object> args = new ArrayList<>();
        where(sql, args, caller, f);
        if (cursor != null) {
            args.add(cursor.createdAt().atOffset(ZoneOffset.UTC));
            args.add(cursor.id());
            sql.append(" AND (created_at, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(')');
        }
        args.add(size + 1);
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
            List<EventLogResource.EventView> items = new ArrayList<>();
            for (Row r : rows) {
                items.add(ActorRedaction.apply(caller, view(r)));
            }
            String next = null;
            if (items.size() > size) {
                items = items.subList(0, size);
                EventLogResource.EventView last = items.get(size - 1);
                next = new EventCursor(last.ts().toInstant(), last.id()).encode();
            }
            return new EventLogResource.EventPage(List.copyOf(items), next);
        });
    }

    /** Every matching event, oldest first, streamed through a cursor (never all in memory). */
    public Multi<EventLogResource.EventView> stream(Caller caller, Filter f) {
        StringBuilder sql = new StringBuilder(COLUMNS);
        List<Object> args = new ArrayList<>();
        where(sql, args, caller, f);
        sql.append(" ORDER BY created_at, id");
        return RowExport.rows(pool, sql.toString(), Tuple.from(args)).map(r -> ActorRedaction.apply(caller, view(r)));
    }

    private static void where(StringBuilder sql, List<Object> args, Caller caller, Filter f) {
        if (caller.isCustomer()) {
            if (f.accountId() != null && f.accountId() != caller.accountId()) {
                throw ProblemException.forbidden("You may read only the events of your own account");
            }
            add(sql, args, "account_id = $", caller.accountId());
        } else if (caller.isSeller()) {
            add(sql, args, "license_id IN (SELECT o.license_id FROM license.license_owners o "
                    + "WHERE o.seller_id = $N OR o.product_seller_id = $N)", caller.accountId());
        }
        if (f.type() != null && !f.type().isBlank()) {
            add(sql, args, "type = $", f.type());
        }
        if (f.accountId() != null && !caller.isCustomer()) {
            add(sql, args, "account_id = $", f.accountId());
        }
        if (f.licenseId() != null) {
            add(sql, args, "license_id = $", f.licenseId());
        }
        if (f.deviceId() != null && !f.deviceId().isBlank()) {
            add(sql, args, "device_id = $", f.deviceId());
        }
        if (f.from() != null) {
            add(sql, args, "created_at >= $", f.from());
        }
        if (f.to() != null) {
            add(sql, args, "created_at < $", f.to());
        }
    }

    /** Appends a condition whose parameter placeholders are written {@code $} (once) or {@code $N} (repeated). */
    private static void add(StringBuilder sql, List<Object> args, String condition, Object value) {
        args.add(value);
        String n = Integer.toString(args.size());
        String c = condition.contains("$N") ? condition.replace("$N", "$" + n) : condition.replace("$", "$" + n);
        sql.append(" AND ").append(c);
    }

    static OffsetDateTime instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO-8601 instant like 2026-11-22T10:00:00Z");
        }
    }

    private static EventLogResource.EventView view(Row r) {
        Object details = r.getValue("details");
        Map<String, Object> data = details instanceof JsonObject j ? j.getMap() : details == null ? Map.of()
                : new LinkedHashMap<>(Map.of("value", details));
        return new EventLogResource.EventView(r.getString("id"), r.getString("type"), r.getString("level"), r.getLong("account_id"),
                r.getLong("license_id"), r.getString("device_id"), r.getLong("actor_id"), r.getString("ip_address"),
                r.getString("source"), data, r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC));
    }
}
