package org.licensing.stats.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
import org.licensing.common.problem.ProblemException;
import org.licensing.stats.access.StatsAccess;


/**
 * Usage per day and license as a CSV or JSON Lines download, streamed at any size: an administrator's
 * of every license, a seller's of the licenses it sells, a customer's of its own. {@code from}/{@code to}
 * are UTC days (inclusive; default the last 30 days); {@code license_id} narrows to one license.
 */
@Path("/api/v1/stats/export")
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
public class UsageExportResource {

    static final List<String> COLUMNS = List.of("day", "license_id", "product", "logins", "usage_seconds", "usage_time",
            "heartbeats");

    private final JsonWebToken jwt;
    private final UsageExports exports;

    public UsageExportResource(JsonWebToken jwt, UsageExports exports) {
        this.jwt = jwt;
        this.exports = exports;
    }

    @GET
    @Path("/usage")
    @APIResponse(responseCode = "200", description = "The rows: CSV with a header row, or one JSON object a line",
            content = { @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = ExportFormat.JSONL_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    @Operation(summary = "Export usage per day and license of a period (from/to, UTC days) as CSV or JSON Lines")
    public RestMulti<String> usage(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("license_id") Long licenseId, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        Caller caller = StatsAccess.caller(jwt);
        ExportFormat f = ExportFormat.choose(format, accept);
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(ZoneOffset.UTC) : date("to", to);
        LocalDate start = from == null || from.isBlank() ? end.minusDays(29) : date("from", from);
        if (start.isAfter(end)) {
            throw ProblemException.invalidField("from", "must not be after to");
        }
        return RowExport.respond(f, "usage", COLUMNS, exports.rows(caller, start, end, licenseId).map(r -> {
            long seconds = r.getLong("usage_seconds");
            return ExportLines.line(f, COLUMNS, Arrays.asList(r.getLocalDate("day"), r.getLong("license_id"), r.getString("product"),
                    r.getLong("logins"), seconds, UsageDuration.format(seconds), r.getLong("heartbeats")));
        }));
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date like 2026-11-22");
        }
    }
}
