package org.licensing.license.products;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;

import io.smallrye.mutiny.Uni;

/** Sellers create, list and update their products; admins read all. */
@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProductResource {

    private final ProductService products;
    private final JsonWebToken jwt;

    public ProductResource(ProductService products, JsonWebToken jwt) {
        this.products = products;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed(Roles.SELLER)
    public Uni<Response> create(ProductService.ProductInput in) {
        Caller caller = Caller.of(jwt);
        if (in == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        return products.create(caller.accountId(), in).map(p -> Response.status(201).entity(p).build());
    }

    @GET
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<List<Product>> list() {
        return products.list(Caller.of(jwt));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<Product> get(@PathParam("id") long id) {
        return products.require(Caller.of(jwt), id);
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({ Roles.SELLER, Roles.ADMIN })
    public Uni<Product> update(@PathParam("id") long id, ProductService.ProductInput in) {
        Caller caller = Caller.of(jwt);
        if (in == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        return products.update(caller, id, in);
    }
}
