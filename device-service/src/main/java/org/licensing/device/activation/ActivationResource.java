package org.licensing.device.activation;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimited;
import org.licensing.device.DeviceConfig;
import org.licensing.common.auth.Caller;
import org.licensing.device.anomalies.LocationResolver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /api/v1/devices/activate}: 201 when a slot was taken, 200 when the device was already bound. */
@Path("/api/v1/devices/activate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ActivationResource {

    static final int MAX_FINGERPRINT_CHARS = 16 * 1024;

    private final ActivationService activations;
    private final LicenseLocator locator;
    private final LocationResolver locations;
    private final DeviceConfig config;
    private final ObjectMapper json;
    private final JsonWebToken jwt;

    public ActivationResource(ActivationService activations, LicenseLocator locator, LocationResolver locations,
            DeviceConfig config, ObjectMapper json, JsonWebToken jwt) {
        this.activations = activations;
        this.locator = locator;
        this.locations = locations;
        this.config = config;
        this.json = json;
        this.jwt = jwt;
    }

    @POST
    @PermitAll
    @RateLimited("activation")
    public Uni<Response> activate(@Valid @NotNull ActivationRequest req, @Context HttpServerRequest http) {
        boolean byKey = req.licenseKey() != null && !req.licenseKey().isBlank();
        if (byKey == (req.licenseId() != null)) {
            throw ProblemException.invalidField("license_key", "give exactly one of license_key or license_id");
        }
        String fingerprint = fingerprint(req.fingerprint());
        boolean authenticated = jwt != null && jwt.getSubject() != null;
        Caller caller = authenticated ? Caller.of(jwt) : null;
        Uni<LicenseSnapshot> license;
        if (byKey) {
            license = locator.byKey(req.licenseKey(), "license_key");
        } else if (caller == null) {
            throw new ProblemException(401, org.licensing.common.problem.ProblemCodes.ACCESS_TOKEN_REQUIRED,
                    "Activation by license_id needs an access token; client applications activate with license_key");
        } else {
            license = locator.managedBy(req.licenseId(), caller);
        }
        String ip = ClientAddress.of(http);
        var location = locations.locate(ip, ClientAddress.fromProxy(http, config.geo().countryHeader()));
        String agent = http.getHeader("User-Agent");
        return license.chain(l -> activations.activate(new ActivationCommand(l.id(), req.deviceId(), Hwid.hash(req.hwid()),
                blankToNull(req.name()), blankToNull(req.userName()), fingerprint, location, agent, req.productId(),
                blankToNull(req.productCode()), caller == null ? null : caller.accountId(), "api")))
                .map(r -> Response.status(r.tookSlot() ? 201 : 200).entity(body(r)).build());
    }

    static Map<String, Object> body(ActivationResult r) {
        Map<String, Object> license = new LinkedHashMap<>();
        license.put("id", r.license().id());
        license.put("product_id", r.license().productId());
        license.put("status", r.license().status());
        license.put("expires_at", r.license().expiresAt());
        license.put("max_devices", r.license().maxDevices());
        license.put("bound_devices", r.boundDevices());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("activated", true);
        body.put("already_bound", !r.tookSlot());
        body.put("device", r.device());
        body.put("license", license);
        return body;
    }

    private String fingerprint(Map<String, Object> fp) {
        if (fp == null) {
            return null;
        }
        try {
            String s = json.writeValueAsString(fp);
            if (s.length() > MAX_FINGERPRINT_CHARS) {
                throw ProblemException.invalidField("fingerprint", "at most " + MAX_FINGERPRINT_CHARS + " characters of JSON");
            }
            return s;
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("fingerprint", "must be a JSON object");
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
