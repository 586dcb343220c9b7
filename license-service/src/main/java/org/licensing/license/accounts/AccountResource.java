package org.licensing.license.accounts;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.Roles;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.auth.Caller;
import org.licensing.license.auth.RefreshCookie;
import org.licensing.license.auth.SessionStore;
import org.licensing.license.auth.SignInFlow;
import org.licensing.license.security.PasswordService;
import org.licensing.license.security.TwoFactorService;
import org.licensing.license.LicenseCodes;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The caller's own account and its security (password, 2FA, sessions), and the admins' account management. */
@Path("/api/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AccountResource {

    public static final int MAX_PAGE_SIZE = 200;

    private final AccountService accounts;
    private final JsonWebToken jwt;
    private final PasswordService passwords;
    private final TwoFactorService twoFactor;
    private final SessionStore sessions;
    private final SignInFlow flow;

    public AccountResource(AccountService accounts, JsonWebToken jwt, PasswordService passwords, TwoFactorService twoFactor,
            SessionStore sessions, SignInFlow flow) {
        this.accounts = accounts;
        this.jwt = jwt;
        this.passwords = passwords;
        this.twoFactor = twoFactor;
        this.sessions = sessions;
        this.flow = flow;
    }

    public record PasswordChange(String currentPassword, String newPassword) {}

    public record CodeRequest(String code, String recoveryCode) {}

    public record RecoveryCodes(java.util.List<String> recoveryCodes) {}

    public record Sessions(java.util.List<SessionStore.SessionView> items) {}

    /**
     * Changes the caller's password and ends every other signed-in session; answers new tokens
     * for this session (in the lm_refresh cookie with X-Refresh-Mode: cookie), whose claims no
     * longer require a password change.
     */
    @POST
    @Path("/me/password")
    @Authenticated
    @Operation(summary = "Change the password (current_password, new_password); other sessions end; answers new tokens")
    public Uni<Response> changePassword(PasswordChange req, @HeaderParam(RefreshCookie.MODE_HEADER) String mode,
            @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        if (req == null) {
            throw ProblemException.invalidField("current_password", "is required");
        }
        SignInFlow.Client client = new SignInFlow.Client(ClientAddress.of(http), http.getHeader("User-Agent"));
        return sessions.sessionOfAccess(jwt.getTokenID()).chain(current -> passwords
                .change(caller.accountId(), req.currentPassword(), req.newPassword(), current, client.ip())
                .chain(a -> flow.reissue(a, current, client)))
                .map(s -> RefreshCookie.answer(200, s, RefreshCookie.requested(mode)));
    }

    @POST
    @Path("/me/2fa")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Start two-factor enrolment: a new TOTP secret and its otpauth:// URI (not on until confirmed)")
    public Uni<TwoFactorService.Enrolment> startTwoFactor() {
        return twoFactor.start(Caller.of(jwt).accountId());
    }

    @POST
    @Path("/me/2fa/confirm")
    @Authenticated
    @Operation(summary = "Turn two-factor sign-in on with a first code; answers ten single-use recovery codes (shown once)")
    public Uni<RecoveryCodes> confirmTwoFactor(CodeRequest req, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        if (req == null || req.code() == null || req.code().isBlank()) {
            throw ProblemException.invalidField("code", "is required");
        }
        return twoFactor.confirm(caller.accountId(), req.code(), ClientAddress.of(http)).map(RecoveryCodes::new);
    }

    @DELETE
    @Path("/me/2fa")
    @Authenticated
    @Operation(summary = "Turn two-factor sign-in off with a current code (or a recovery code)")
    public Uni<Response> disableTwoFactor(CodeRequest req, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        if (req == null || ((req.code() == null || req.code().isBlank()) && (req.recoveryCode() == null || req.recoveryCode().isBlank()))) {
            throw ProblemException.invalidField("code", "a current code (or recovery_code) is required");
        }
        return twoFactor.disable(caller.accountId(), req.code(), req.recoveryCode(), ClientAddress.of(http))
                .replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/me/sessions")
    @Authenticated
    @Operation(summary = "The caller's signed-in sessions (created, last used, address, agent; current marks this one)")
    public Uni<Sessions> sessions() {
        Caller caller = Caller.of(jwt);
        return sessions.sessionOfAccess(jwt.getTokenID()).chain(current -> sessions.list(caller.accountId(), current)).map(Sessions::new);
    }

    @DELETE
    @Path("/me/sessions/{id}")
    @Authenticated
    @Operation(summary = "End one of the caller's signed-in sessions")
    public Uni<Response> endSession(@PathParam("id") String id) {
        Caller caller = Caller.of(jwt);
        java.util.UUID session;
        try {
            session = java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("id", "is not a session id");
        }
        return sessions.end(caller.accountId(), session, SessionStore.REASON_REVOKED).map(ok -> {
            if (!ok) {
                throw ProblemException.notFound(LicenseCodes.SESSION_NOT_FOUND, "No signed-in session " + id);
            }
            return Response.noContent().build();
        });
    }

    /** An admin turns off someone's 2FA (lost phone and recovery codes); event-logged as account.2fa_reset. */
    @DELETE
    @Path("/{id}/2fa")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Admin: reset an account's two-factor sign-in (event-logged)")
    public Uni<Response> resetTwoFactor(@PathParam("id") long id, @Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        return twoFactor.adminReset(caller.accountId(), id, ClientAddress.of(http)).replaceWith(Response.noContent().build());
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
