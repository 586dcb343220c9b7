package org.licensing.stats.eventlog;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.Roles;
import org.licensing.common.export.ExportFormat;
import org.licensing.common.export.ExportLines;
import org.licensing.common.export.RowExport;
import org.licensing.stats.access.StatsAccess;

import io.vertx.core.json.JsonObject;

/**
 * The event log of a period as one CSV or JSON Lines download ({@code format=} or {@code Accept}), oldest
 * first, streamed at any size, with the list's filters and access rule ({@link EventLogRepository}). No
 * {@code @Produces}: the answer's type is the chosen format's, set on the stream ({@link RowExport}).
 */
@Path("/api/v1/events/export")
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
public class EventExportResource {

    static final List<String> COLUMNS = List.of("ts", "id", "type", "level", "account_id", "license_id", "device_id",
            "actor_id", "ip", "source", "data");

    private final JsonWebToken jwt;
    private final EventLogRepository events;

    public EventExportResource(JsonWebToken jwt, EventLogRepository events) {
        this.jwt = jwt;
        this.events = events;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The rows: CSV with a header row, or one JSON object a line",
            content = { @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = ExportFormat.JSONL_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @Operation(summary = "Export the event log of a period (from/to instants and the list's filters) as CSV or JSON Lines, oldest first")
    public RestMulti<String> export(@QueryParam("type") String type, @QueryParam("account_id") Long accountId,
            @QueryParam("license_id") Long licenseId, @QueryParam("device_id") String deviceId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Caller caller = StatsAccess.caller(jwt);
        ExportFormat f = ExportFormat.choose(format, accept);
        EventLogRepository.Filter filter = EventLogRepository.Filter.of(type, accountId, licenseId, deviceId, from, to);
        return RowExport.respond(f, "events", COLUMNS, events.stream(caller, filter).map(e -> ExportLines.line(f, COLUMNS,
                Arrays.asList(e.ts(), e.id(), e.type(), e.level(), e.accountId(), e.licenseId(), e.deviceId(), e.actorId(),
                        e.ip(), e.source(), new JsonObject(e.data())))));
    }
}
