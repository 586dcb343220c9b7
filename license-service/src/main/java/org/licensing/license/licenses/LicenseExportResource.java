package org.licensing.license.licenses;

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
 * A seller's licenses (an administrator's: all; a customer's: its own) as CSV or JSON Lines, streamed at
 * any size, oldest first. Filters: status, product_id, from/to on the issue time (ISO-8601 instants, from
 * inclusive, to exclusive). Never the key itself: the hint, as in the lists. No {@code @Produces}: see
 * {@link org.licensing.common.export.ExportAccept}.
 */
@Path("/api/v1/licenses/export")
@RolesAllowed({ Roles.SELLER, Roles.ADMIN, Roles.CUSTOMER })
public class LicenseExportResource {

    static final List<String> COLUMNS = List.of("id", "product_code", "key_hint", "status", "type", "privilege", "term",
            "max_devices", "max_sessions", "seller_id", "owner_account_id", "owner_username", "created_at", "activated_at",
            "expires_at", "suspended_at", "revoked_at", "last_validated_at", "batch_id");

    private final JsonWebToken jwt;
    private final LicenseExports exports;

    public LicenseExportResource(JsonWebToken jwt, LicenseExports exports) {
        this.jwt = jwt;
        this.exports = exports;
    }

    @GET
    @Operation(summary = "Export licenses (status, product_id, from/to on issue time) as CSV or JSON Lines, oldest first")
    @APIResponse(responseCode = "200", description = "The rows: CSV with a header row, or one JSON object a line",
            content = { @Content(mediaType = ExportFormat.CSV_TYPE, schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = ExportFormat.JSONL_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    public RestMulti<String> export(@QueryParam("status") String status, @QueryParam("product_id") Long productId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format) {
        Caller caller = Caller.of(jwt);
        ExportFormat f = ExportFormat.choose(format, null);
        return RowExport.respond(f, "licenses", COLUMNS, exports.rows(caller, status, productId, from, to)
                .map(r -> ExportLines.line(f, COLUMNS, RowExport.byName(r, COLUMNS))));
    }
}
