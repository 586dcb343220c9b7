package org.licensing.stats.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

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
    private final Pool pool;

    public UsageExportResource(JsonWebToken jwt, Pool pool) {
        this.jwt = jwt;
        this.pool = pool;
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
        List<Object> args = new ArrayList<>(List.of(start, end));
        StringBuilder sql = new StringBuilder("SELECT d.day, o.license_id, s.product_code AS product, d.logins, d.usage_seconds, "
                + "d.heartbeats FROM stats.usage_daily d JOIN license.license_owners o ON d.scope = 'license' AND d.scope_id = o.license_id::text "
                + "JOIN license.license_snapshots s ON s.id = o.license_id WHERE d.day BETWEEN $1 AND $2");
        if (caller.isCustomer()) {
            args.add(caller.accountId());
            sql.append(" AND o.owner_account_id = $").append(args.size());
        } else if (caller.isSeller()) {
            args.add(caller.accountId());
            sql.append(" AND (o.seller_id = $").append(args.size()).append(" OR o.product_seller_id = $").append(args.size()).append(')');
        }
        if (licenseId != null) {
            args.add(licenseId);
            sql.append(" AND o.license_id = $").append(args.size());
        }
        sql.append(" ORDER BY d.day, o.license_id");
        return RowExport.respond(f, "usage", COLUMNS, RowExport.rows(pool, sql.toString(), Tuple.from(args)).map(r -> {
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
