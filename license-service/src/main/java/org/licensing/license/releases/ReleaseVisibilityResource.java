package org.licensing.license.releases;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Caller;
import org.licensing.common.auth.Roles;
import org.licensing.license.products.ProductService;

import io.smallrye.mutiny.Uni;

/**
 * {@code GET|PUT /api/v1/products/{id}/release-visibility}: the product's seller (or an admin) decides
 * per channel whether its releases are listed to anyone ({@code PUBLIC}) or only to holders of a key
 * of the product ({@code KEY_GATED}). Body of PUT: {@code {"stable": ..., "dev": ...}}, either optional.
 */
@Path("/api/v1/products/{id: \\d+}/release-visibility")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER })
public class ReleaseVisibilityResource {

    private final ReleaseStore store;
    private final ProductService products;
    private final JsonWebToken jwt;

    public ReleaseVisibilityResource(ReleaseStore store, ProductService products, JsonWebToken jwt) {
        this.store = store;
        this.products = products;
        this.jwt = jwt;
    }

    @GET
    public Uni<ReleaseVisibility> get(@PathParam("id") long id) {
        return products.require(Caller.of(jwt), id).chain(p -> store.visibility(id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ReleaseVisibility> set(@PathParam("id") long id, ReleaseVisibility body) {
        ReleaseVisibility in = body == null ? new ReleaseVisibility(null, null) : body;
        return products.require(Caller.of(jwt), id).chain(p -> store.visibility(id)).chain(current -> {
            String stable = ReleaseVisibility.setting(in.stable(), "stable", current.stable());
            String dev = ReleaseVisibility.setting(in.dev(), "dev", current.dev());
            return store.setVisibility(id, stable, dev);
        });
    }
}
