package org.licensing.license.legacy;

import java.util.HashMap;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.input.InputRules;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimited;
import org.licensing.license.validation.DeviceDirectory;
import org.licensing.license.validation.DirectEvents;
import org.licensing.license.validation.ValidationCodes;
import org.licensing.license.validation.ValidationService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Legacy {@code POST /api/verify_key.php} (requirements 000/001): form fields {@code license_key}
 * and {@code device_id}, answers {@code {"status":"success"|"error"|"blocked","message":...}} with
 * HTTP 200 (429 when rate limited), so deployed clients keep working unchanged. {@code success}
 * only for a bound, unblocked device of a usable license ({@link LegacyVerdicts}).
 */
@Path("/api/verify_key.php")
public class VerifyKeyResource {

    private final ValidationService validation;
    private final DeviceDirectory devices;
    private final DirectEvents events;

    public VerifyKeyResource(ValidationService validation, DeviceDirectory devices, DirectEvents events) {
        this.validation = validation;
        this.devices = devices;
        this.events = events;
    }

    @POST
    @Consumes({ MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA }) // as PHP's $_POST
    @Produces(MediaType.APPLICATION_JSON)
    @RateLimited("validate")
    public Uni<Response> verify(@FormParam("license_key") String licenseKey, @FormParam("device_id") String deviceId,
            HttpServerRequest http) {
        InputRules.check("license_key", licenseKey); // 400 problem naming the field, before any look-up
        InputRules.check("device_id", deviceId);
        if (licenseKey == null || licenseKey.isBlank() || deviceId == null || deviceId.isBlank()) {
            return Uni.createFrom().item(ok(LegacyAnswer.error("Key and Device ID are required.", ProblemCodes.VALIDATION_FAILED)));
        }
        String ip = ClientAddress.of(http);
        return validation.assess(licenseKey, null, deviceId.trim(), null, null, ip).chain(a -> {
            String code = a.outcome().code();
            // Only to tell "register this device" from "the license is full": neither is a success.
            Uni<Boolean> freeSlot = !ValidationCodes.DEVICE_NOT_ACTIVATED.equals(code) ? Uni.createFrom().item(false)
                    : devices.boundCount(a.license().id()).map(n -> a.license().maxDevices() == 0 || n < a.license().maxDevices());
            return freeSlot.map(free -> {
                LegacyAnswer answer = LegacyVerdicts.answer(code, a.outcome().detail(), free);
                Map<String, Object> data = new HashMap<>();
                data.put("valid", "success".equals(answer.status()));
                data.put("code", answer.code());
                data.put("legacy", true);
                if (a.license() != null) {
                    data.put("seller_id", a.license().sellerId()); // stats counts validations per seller from it
                }
                events.fireAndForget(EventEnvelope.of(EventTypes.LICENSE_VALIDATED)
                        .level("success".equals(answer.status()) ? "info" : "warn")
                        .license(a.license() == null ? null : a.license().id())
                        .account(a.license() == null ? null : a.license().ownerAccountId())
                        .device(a.device() == null || a.device().rowId() == null ? null : Long.toString(a.device().rowId()))
                        .ip(ip).source("legacy").data(data).build());
                return ok(answer);
            });
        }).onFailure(ProblemException.class).recoverWithItem(f -> {
            ProblemException p = (ProblemException) f;
            Response.ResponseBuilder b = Response.status(p.status()).type(MediaType.APPLICATION_JSON)
                    .entity(LegacyAnswer.error(p.getMessage(), p.code()));
            p.headers().forEach(b::header);
            return b.build();
        });
    }

    private static Response ok(LegacyAnswer answer) {
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }
}
