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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * {@code GET|PUT /api/v1/products/{id}/release-visibility}: the product's seller (or an admin) decides
 * per channel whether its releases are listed to anyone ({@code PUBLIC}) or only to holders of a key
 * of the product ({@code KEY_GATED}). Body of PUT: {@code {"stable": ..., "dev": ...}}, either optional.
 */
@Path("/api/v1/products/{id: \\d+}/release-visibility")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ADMIN, Roles.SELLER })
public class ReleaseVisibilityResource {

    private final Pool pool;
    private final ProductService products;
    private final JsonWebToken jwt;

    public ReleaseVisibilityResource(Pool pool, ProductService products, JsonWebToken jwt) {
        this.pool = pool;
        this.products = products;
        this.jwt = jwt;
    }

    @GET
    public Uni<ReleaseVisibility> get(@PathParam("id") long id) {
        return products.require(Caller.of(jwt), id).chain(p -> of(pool, id));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ReleaseVisibility> set(@PathParam("id") long id, ReleaseVisibility body) {
        ReleaseVisibility in = body == null ? new ReleaseVisibility(null, null) : body;
        return products.require(Caller.of(jwt), id).chain(p -> of(pool, id)).chain(current -> {
            String stable = ReleaseVisibility.setting(in.stable(), "stable", current.stable());
            String dev = ReleaseVisibility.setting(in.dev(), "dev", current.dev());
            return pool.preparedQuery("UPDATE license.products SET stable_releases = $2, dev_releases = $3, updated_at = now()"
                    + " WHERE id = $1").execute(Tuple.of(id, stable, dev)).map(x -> new ReleaseVisibility(stable, dev));
        });
    }

    /** The product's setting; the defaults when the product does not exist (callers 404 on their own). */
    static Uni<ReleaseVisibility> of(Pool pool, long productId) {
        return pool.preparedQuery("SELECT stable_releases, dev_releases FROM license.products WHERE id = $1")
                .execute(Tuple.of(productId)).map(rows -> rows.iterator().hasNext()
                        ? new ReleaseVisibility(rows.iterator().next().getString("stable_releases"),
                                rows.iterator().next().getString("dev_releases"))
                        : ReleaseVisibility.DEFAULT);
    }
}
