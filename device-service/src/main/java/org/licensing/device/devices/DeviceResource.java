package org.licensing.device.devices;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;
import org.licensing.device.activation.LicenseLocator;
import org.licensing.device.access.LicenseAccess;
import org.licensing.device.resets.HwidResetAllowance;
import org.licensing.device.resets.HwidResetService;
import org.licensing.device.resets.ResetRequest;
import org.licensing.device.resets.ResetResult;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;

/** Device management for people: customers (own licenses), sellers (licenses they issued), admins. */
@Path("/api/v1/devices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER })
public class DeviceResource {

    private final DeviceService devices;
    private final HwidResetService resets;
    private final LicenseLocator locator;
    private final JsonWebToken jwt;
    private final HwidResetAllowance allowance;
    private final Pool pool;

    public DeviceResource(DeviceService devices, HwidResetService resets, LicenseLocator locator, JsonWebToken jwt,
            HwidResetAllowance allowance, Pool pool) {
        this.allowance = allowance;
        this.pool = pool;
        this.devices = devices;
        this.resets = resets;
        this.locator = locator;
        this.jwt = jwt;
    }

    /** A license's devices with first/last seen, country, state and online flag. */
    @GET
    public Uni<DeviceService.Page> list(@QueryParam("license_id") Long licenseId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset) {
        if (licenseId == null || licenseId <= 0) {
            throw ProblemException.invalidField("license_id", "required, a positive license id");
        }
        return locator.managedBy(licenseId, Caller.of(jwt)).chain(l -> devices.list(l, limit, offset));
    }

    @GET
    @Path("{id: \\d+}")
    public Uni<DeviceView> get(@PathParam("id") long id) {
        return devices.find(id, Caller.of(jwt)).chain(m -> devices.withOnline(m.device()));
    }

    @POST
    @Path("{id: \\d+}/deactivate")
    public Uni<DeviceView> deactivate(@PathParam("id") long id, @Context HttpServerRequest http) {
        return devices.deactivate(id, Caller.of(jwt), ClientAddress.of(http));
    }

    @POST
    @Path("{id: \\d+}/block")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.SELLER })
    public Uni<DeviceView> block(@PathParam("id") long id, @Valid BlockRequest body, @Context HttpServerRequest http) {
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? null : body.reason().trim();
        return devices.block(id, Caller.of(jwt), reason, ClientAddress.of(http));
    }

    @POST
    @Path("{id: \\d+}/unblock")
    @RolesAllowed({ Roles.ADMIN, Roles.SELLER })
    public Uni<DeviceView> unblock(@PathParam("id") long id, @Context HttpServerRequest http) {
        return devices.unblock(id, Caller.of(jwt), ClientAddress.of(http));
    }

    /** The caller's own HWID reset allowance: used, remaining, period end and when the next reset is allowed. */
    @GET
    @Path("reset/allowance")
    public Uni<HwidResetAllowance.Standing> allowance() {
        Caller caller = Caller.of(jwt);
        return allowance.standing(pool, caller.accountId(), LicenseAccess.resetIsLimited(caller));
    }

    /** HWID reset: unbinds the license's devices (or the listed ones); limited for customers (429 past the limit). */
    @POST
    @Path("reset")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ResetResult> reset(@Valid @NotNull ResetRequest req, @Context HttpServerRequest http) {
        return resets.reset(req, Caller.of(jwt), ClientAddress.of(http));
    }
}
