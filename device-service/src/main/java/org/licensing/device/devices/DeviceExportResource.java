package org.licensing.device.devices;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

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

/**
 * The devices of a seller's licenses (an administrator's: all; a customer's: those of its own licenses) as
 * CSV or JSON Lines, streamed at any size. Filters: license_id, from/to on first seen (ISO-8601 instants).
 * Ownership comes from license-service's read view {@code license.license_owners} (never its tables).
 * Never the hardware id (only its hash is stored, and not exported).
 */
@Path("/api/v1/devices/export")
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
public class DeviceExportResource {

    static final List<String> COLUMNS = List.of("id", "license_id", "device_id", "name", "user_name", "state", "bound",
            "blocked", "blocked_reason", "ip_address", "country_code", "first_seen_at", "last_seen_at", "bound_at", "unbound_at");

    private final JsonWebToken jwt;
    private final DeviceExports exports;

    public DeviceExportResource(JsonWebToken jwt, DeviceExports exports) {
        this.jwt = jwt;
        this.exports = exports;
    }

    @GET
    @Operation(summary = "Export devices (license_id, from/to on first seen) as CSV or JSON Lines")
    @APIResponse(responseCode = "200", description = "The rows: CSV with a header row, or one JSON object a line",
            content = { @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = ExportFormat.JSONL_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    public RestMulti<String> export(@QueryParam("license_id") Long licenseId, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("format") String format) {
        Caller caller = Caller.of(jwt);
        ExportFormat f = ExportFormat.choose(format, null);
        return RowExport.respond(f, "devices", COLUMNS, exports.rows(caller, licenseId, from, to)
                .map(r -> ExportLines.line(f, COLUMNS, RowExport.byName(r, COLUMNS))));
    }
}
