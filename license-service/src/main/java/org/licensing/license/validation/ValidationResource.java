package org.licensing.license.validation;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.licensing.common.http.ClientAddress;
import org.licensing.common.ratelimit.RateLimitFilter;
import org.licensing.common.ratelimit.RateLimited;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/**
 * {@code POST /api/v1/licenses/validate}: no token needed, the key is the credential. Every verdict
 * about a presented key is HTTP 200 with {@code valid} and {@code code}; only a request that is
 * itself wrong (no key, bad ip) is a 400, and too many attempts a 429.
 */
@Path("/api/v1/licenses/validate")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ValidationResource {

    private final ValidationService service;

    public ValidationResource(ValidationService service) {
        this.service = service;
    }

    /** Exempt from the filter: the address is counted inside the validation's own script (one round trip). */
    @POST
    @RateLimited(value = ValidationService.ADDRESS_GROUP, exempt = true)
    public Uni<Verdict> validate(ValidationRequest request, HttpServerRequest http, HttpServerResponse response) {
        return service.validate(request, ClientAddress.of(http), "api").map(a -> {
            RateLimitFilter.headers(a.address(), response.headers()::set);
            return ValidationService.verdict(a);
        });
    }
}
