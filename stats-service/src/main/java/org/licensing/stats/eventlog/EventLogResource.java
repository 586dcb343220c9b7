package org.licensing.stats.eventlog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemException;
import org.licensing.stats.access.StatsAccess;

import io.smallrye.mutiny.Uni;

/**
 * The event log, newest first, keyset-paginated ({@code cursor} from the previous page); its export is
 * {@link EventExportResource}.
 * Filters: type, account_id, license_id, device_id, from/to (ISO-8601 instants, from inclusive, to exclusive).
 * An administrator sees everything, a seller the events of the licenses it sells, a customer the events of its
 * own account, with the actor's id and IP removed unless the customer acted itself ({@link ActorRedaction}).
 */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
public class EventLogResource {

    public record EventView(String id, String type, String level, Long accountId, Long licenseId, String deviceId,
            Long actorId, String ip, String source, Map<String, Object> data, OffsetDateTime ts) {}

    public record EventPage(List<EventView> items, String nextCursor) {}

    private final JsonWebToken jwt;
    private final EventLogRepository events;
    private final EventLogConfig config;

    public EventLogResource(JsonWebToken jwt, EventLogRepository events, EventLogConfig config) {
        this.jwt = jwt;
        this.events = events;
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
        EventCursor position = cursor == null || cursor.isBlank() ? null : EventCursor.decode(cursor);
        return events.page(caller, EventLogRepository.Filter.of(type, accountId, licenseId, deviceId, from, to), position, size);
    }
}
