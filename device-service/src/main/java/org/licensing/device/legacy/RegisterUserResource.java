package org.licensing.device.legacy;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.licensing.common.http.ClientAddress;
import org.licensing.common.input.InputRules;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimited;
import org.licensing.device.DeviceConfig;
import org.licensing.device.activation.ActivationCommand;
import org.licensing.device.activation.ActivationService;
import org.licensing.device.activation.LicenseLocator;
import org.licensing.device.anomalies.LocationResolver;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requirement 000's {@code register_user.php}: form fields {@code license_key}, {@code device_id},
 * {@code user_name}; always HTTP 200 with {@code {"status": "success"|"error"|"blocked", "message": ...}},
 * as deployed clients expect. It is the activation of {@code POST /api/v1/devices/activate}.
 */
@Path("/api/register_user.php")
public class RegisterUserResource {

    private final ActivationService activations;
    private final LicenseLocator locator;
    private final LocationResolver locations;
    private final DeviceConfig config;

    public RegisterUserResource(ActivationService activations, LicenseLocator locator, LocationResolver locations,
            DeviceConfig config) {
        this.activations = activations;
        this.locator = locator;
        this.locations = locations;
        this.config = config;
    }

    @POST
    @PermitAll
    @RateLimited("activation")
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA })
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> register(@FormParam("license_key") String licenseKey, @FormParam("device_id") String deviceId,
            @FormParam("user_name") String userName, @Context HttpServerRequest http) {
        InputRules.check("license_key", licenseKey); // 400 problem naming the field, before any look-up
        InputRules.check("device_id", deviceId);
        InputRules.check("user_name", userName);
        String problem = LegacyAnswers.checkInput(licenseKey, deviceId, userName);
        if (problem != null) {
            return Uni.createFrom().item(LegacyAnswers.answer("error", problem));
        }
        String ip = ClientAddress.of(http);
        var location = locations.locate(ip, ClientAddress.fromProxy(http, config.geo().countryHeader()));
        String agent = http.getHeader("User-Agent");
        String name = userName == null || userName.isBlank() ? null : userName.trim();
        return Uni.createFrom().deferred(() -> locator.byKey(licenseKey, "license_key"))
                .chain(license -> activations.activate(new ActivationCommand(license.id(), deviceId.trim(), null, null, name, null,
                        location, agent, null, null, null, "legacy")))
                .map(r -> LegacyAnswers.answer("success", r.tookSlot() ? "Device registered successfully."
                        : "Device already registered."))
                .onFailure(ProblemException.class).recoverWithItem(f -> LegacyAnswers.refusal((ProblemException) f));
    }
}
