package org.licensing.stats.eventlog;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;
import org.licensing.stats.access.StatsAccess;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The event log, newest first, keyset-paginated ({@code cursor} from the previous page). Filters: type,
 * account_id, license_id, device_id, from/to (ISO-8601 instants, from inclusive, to exclusive). An administrator
 * sees everything, a seller the events of the licenses it sells, a customer the events of its own account, with
 * the actor's id and IP removed unless the customer acted itself ({@link ActorRedaction}).
 */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
public class EventLogResource {

    public record EventView(String id, String type, String level, Long accountId, Long licenseId, String deviceId,
            Long actorId, String ip, String source, Map<String, Object> data, OffsetDateTime ts) {}

    public record EventPage(List<EventView> items, String nextCursor) {}

    private final JsonWebToken jwt;
    private final Pool pool;
    private final EventLogConfig config;

    public EventLogResource(JsonWebToken jwt, Pool pool, EventLogConfig config) {
        this.jwt = jwt;
        this.pool = pool;
        this.config = config;
    }

    @GET
    public Uni<EventPage> list(@QueryParam("type") String type, @QueryParam("account_id") Long accountId,
            @QueryParam("license_id") Long licenseId, @QueryParam("device_id") String deviceId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") Integer limit,
            @QueryParam("cursor") String cursor) {
        Caller caller = StatsAccess.caller(jwt);
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + config.maxPageSize());
        }
        StringBuilder sql = new StringBuilder("SELECT id, type, level, account_id, license_id, device_id, actor_id, "
                + "ip_address, source, details, created_at FROM stats.event_log WHERE true");
        List<Object> args = new ArrayList<>();
        if (caller.isCustomer()) {
            if (accountId != null && accountId != caller.accountId()) {
                throw ProblemException.forbidden("You may read only the events of your own account");
            }
            add(sql, args, "account_id = $", caller.accountId());
        } else if (caller.isSeller()) {
            add(sql, args, "license_id IN (SELECT l.id FROM license.licenses l JOIN license.products p ON p.id = l.product_id "
                    + "WHERE l.seller_id = $N OR p.seller_id = $N)", caller.accountId());
        }
        if (type != null && !type.isBlank()) {
            add(sql, args, "type = $", type);
        }
        if (accountId != null && !caller.isCustomer()) {
            add(sql, args, "account_id = $", accountId);
        }
        if (licenseId != null) {
            add(sql, args, "license_id = $", licenseId);
        }
        if (deviceId != null && !deviceId.isBlank()) {
            add(sql, args, "device_id = $", deviceId);
        }
        if (from != null && !from.isBlank()) {
            add(sql, args, "created_at >= $", instant("from", from));
        }
        if (to != null && !to.isBlank()) {
            add(sql, args, "created_at < $", instant("to", to));
        }
        if (cursor != null && !cursor.isBlank()) {
            EventCursor c = EventCursor.decode(cursor);
            args.add(c.createdAt().atOffset(ZoneOffset.UTC));
            args.add(c.id());
            sql.append(" AND (created_at, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(')');
        }
        args.add(size + 1);
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT $").append(args.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(args)).map(rows -> {
            List<EventView> items = new ArrayList<>();
            for (Row r : rows) {
                items.add(ActorRedaction.apply(caller, view(r)));
            }
            String next = null;
            if (items.size() > size) {
                items = items.subList(0, size);
                EventView last = items.get(size - 1);
                next = new EventCursor(last.ts().toInstant(), last.id()).encode();
            }
            return new EventPage(List.copyOf(items), next);
        });
    }

    /** Appends a condition whose parameter placeholders are written {@code $} (once) or {@code $N} (repeated). */
    private static void add(StringBuilder sql, List<Object> args, String condition, Object value) {
        args.add(value);
        String n = Integer.toString(args.size());
        String c = condition.contains("$N") ? condition.replace("$N", "$" + n) : condition.replace("$", "$" + n);
        sql.append(" AND ").append(c);
    }

    private static OffsetDateTime instant(String field, String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO-8601 instant like 2026-11-22T10:00:00Z");
        }
    }

    private static EventView view(Row r) {
        Object details = r.getValue("details");
        Map<String, Object> data = details instanceof JsonObject j ? j.getMap() : details == null ? Map.of()
                : new LinkedHashMap<>(Map.of("value", details));
        return new EventView(r.getString("id"), r.getString("type"), r.getString("level"), r.getLong("account_id"),
                r.getLong("license_id"), r.getString("device_id"), r.getLong("actor_id"), r.getString("ip_address"),
                r.getString("source"), data, r.getOffsetDateTime("created_at").withOffsetSameInstant(ZoneOffset.UTC));
    }
}
