package org.licensing.license.accounts;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
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

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The caller's own account, and the admins' account management (list, search, suspend, reinstate). */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    public static final int MAX_PAGE_SIZE = 200;

    private final AccountService accounts;
    private final JsonWebToken jwt;

    public AccountResource(AccountService accounts, JsonWebToken jwt) {
        this.accounts = accounts;
        this.jwt = jwt;
    }

    public record SuspendRequest(String reason, Instant until) {}

    public record AccountPage(java.util.List<AccountView> items, long total, int page, int size) {}

    @GET
    @Path("/me")
    @Authenticated
    public Uni<AccountView> me() {
        Caller caller = Caller.of(jwt);
        return accounts.require(caller.accountId()).map(AccountView::of);
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public Uni<AccountPage> list(@QueryParam("q") String q, @QueryParam("role") String role,
            @QueryParam("suspended") Boolean suspended, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        Caller.of(jwt);
        if (page < 0) {
            throw ProblemException.invalidField("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ProblemException.invalidField("size", "must be 1 to " + MAX_PAGE_SIZE);
        }
        return accounts.search(q, role, suspended, page, size)
                .map(p -> new AccountPage(p.items().stream().map(AccountView::of).toList(), p.total(), p.page(), p.size()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    public Uni<AccountView> get(@PathParam("id") long id) {
        Caller.of(jwt);
        return accounts.require(id).map(AccountView::of);
    }

    /** Suspends at once in every service; {@code until} (optional) ends it by itself. */
    @POST
    @Path("/{id}/suspend")
    @RolesAllowed(Roles.ADMIN)
    public Uni<AccountView> suspend(@PathParam("id") long id, SuspendRequest req, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        if (req == null) {
            throw ProblemException.invalidField("reason", "is required");
        }
        return accounts.suspend(caller.accountId(), id, req.reason() == null ? null : req.reason().trim(), req.until(),
                ClientAddress.of(http)).map(AccountView::of);
    }

    @POST
    @Path("/{id}/reinstate")
    @RolesAllowed(Roles.ADMIN)
    public Uni<AccountView> reinstate(@PathParam("id") long id, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        return accounts.reinstate(caller.accountId(), id, ClientAddress.of(http)).map(AccountView::of);
    }
}
