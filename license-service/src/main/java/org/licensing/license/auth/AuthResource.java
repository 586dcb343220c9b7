package org.licensing.license.auth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimited;
import org.licensing.license.accounts.Account;
import org.licensing.license.accounts.AccountRules;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.accounts.AccountView;
import org.licensing.common.auth.Caller;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Register, sign in (username or e-mail), refresh (rotating), sign out. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RateLimited("auth")
public class AuthResource {

    public static final String INVALID_CREDENTIALS = "INVALID_CREDENTIALS";
    public static final String ACCOUNT_SUSPENDED = "ACCOUNT_SUSPENDED";
    public static final String INVALID_REFRESH_TOKEN = "INVALID_REFRESH_TOKEN";

    private final AccountService accounts;
    private final TokenIssuer tokens;
    private final SignInFlow flow;
    private final TokenBlacklist blacklist;
    private final JsonWebToken jwt;
    private final ObjectMapper json;

    public AuthResource(AccountService accounts, TokenIssuer tokens, SignInFlow flow, TokenBlacklist blacklist,
            JsonWebToken jwt, ObjectMapper json) {
        this.json = json;
        this.accounts = accounts;
        this.tokens = tokens;
        this.flow = flow;
        this.blacklist = blacklist;
        this.jwt = jwt;
    }

    public record RegisterRequest(String username, String email, String password, String role, String sellerName) {}

    public record SignInRequest(String login, String username, String email, String password) {}

    public record RefreshRequest(String refreshToken) {}

    /** Tokens plus who they are for. */
    public record SignedIn(AccountView account, String accessToken,
            @JsonInclude(JsonInclude.Include.NON_NULL) String refreshToken, String tokenType, long expiresIn,
            long refreshExpiresIn) {
        static SignedIn of(Account a, TokenIssuer.Tokens t) {
            return new SignedIn(AccountView.of(a), t.accessToken(), t.refreshToken(), t.tokenType(), t.expiresIn(),
                    t.refreshExpiresIn());
        }

        /** Cookie mode: the refresh token travels only in the cookie. */
        SignedIn withoutRefreshToken() {
            return new SignedIn(account, accessToken, null, tokenType, expiresIn, refreshExpiresIn);
        }
    }

    @POST
    @Path("/register")
    @PermitAll
    @Operation(summary = "Register a SELLER or CUSTOMER and sign in (X-Refresh-Mode: cookie as for sign-in)")
    public Uni<Response> register(RegisterRequest req, @HeaderParam(RefreshCookie.MODE_HEADER) String mode,
            @Context HttpServerRequest http) {
        if (req == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        String role = AccountRules.selfRegistrationRole(req.role());
        String ip = ClientAddress.of(http);
        return accounts.register(new AccountService.Registration(req.username(), req.email(), req.password(), role,
                req.sellerName()), ip)
                .chain(a -> accounts.recordSignIn(a, ip, http.getHeader("User-Agent")))
                .chain(a -> tokens.issue(a).map(t -> RefreshCookie.answer(201, SignedIn.of(a, t), RefreshCookie.requested(mode))));
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    @Operation(summary = "Sign in with username or e-mail; X-Refresh-Mode: cookie puts the refresh token in the lm_refresh cookie")
    public Uni<Response> signIn(SignInRequest req, @HeaderParam(RefreshCookie.MODE_HEADER) String mode,
            @Context HttpServerRequest http) {
        return flow.signIn(req, client(http)).map(s -> RefreshCookie.answer(200, s, RefreshCookie.requested(mode)));
    }

    /** Alias kept for clients that say "login". */
    @POST
    @Path("/login")
    @PermitAll
    @Operation(summary = "Alias of sign-in")
    public Uni<Response> login(SignInRequest req, @HeaderParam(RefreshCookie.MODE_HEADER) String mode,
            @Context HttpServerRequest http) {
        return signIn(req, mode, http);
    }

    /**
     * Exchanges a refresh token for a new pair; the old refresh token is consumed and cannot be used
     * again. The token comes from the body, or (no body, or no {@code refresh_token} in it) from the
     * {@code lm_refresh} cookie; a cookie in gives a cookie out.
     */
    @POST
    @Path("/refresh")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rotate a refresh token (from the JSON body, or from the lm_refresh cookie)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefreshRequest.class)))
    public Uni<Response> refresh(String body, @HeaderParam(RefreshCookie.MODE_HEADER) String mode,
            @CookieParam(RefreshCookie.NAME) String cookie) {
        // The body is read as text so that a cookie-mode call may send none, with any or no Content-Type.
        RefreshRequest req = parse(body);
        boolean fromBody = req != null && req.refreshToken() != null && !req.refreshToken().isBlank();
        boolean cookieMode = !fromBody || RefreshCookie.requested(mode);
        return flow.refresh(fromBody ? req.refreshToken() : cookie).map(s -> RefreshCookie.answer(200, s, cookieMode));
    }

    private RefreshRequest parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, RefreshRequest.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest(ProblemCodes.MALFORMED_JSON, "The request body is not valid JSON");
        }
    }

    /** Cookie-mode sign-out: revokes the cookie's refresh token, the bearer access token when sent, and clears the cookie. */
    @DELETE
    @Path("/refresh")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Sign out in cookie mode: revoke the lm_refresh cookie's token (and the bearer token if sent), clear the cookie")
    public Uni<Response> signOutCookie(@CookieParam(RefreshCookie.NAME) String cookie) {
        Uni<Void> revokeAccess = jwt.getRawToken() == null ? Uni.createFrom().voidItem()
                : blacklist.revoke(jwt.getTokenID(), jwt.getExpirationTime());
        String subject = jwt.getRawToken() == null ? null : jwt.getSubject();
        return revokeAccess.chain(() -> flow.revokeRefresh(cookie, subject))
                .replaceWith(Response.noContent().header("Set-Cookie", RefreshCookie.clear()).build());
    }

    /** Revokes the access token (every service refuses it at once) and, when given, the refresh token. */
    @POST
    @Path("/sign-out")
    @Authenticated
    @Operation(summary = "Sign out: revoke the access token and, when given, the refresh token")
    public Uni<Response> signOut(RefreshRequest req) {
        Caller.of(jwt);
        Uni<Void> revokeAccess = blacklist.revoke(jwt.getTokenID(), jwt.getExpirationTime());
        String refresh = req == null ? null : req.refreshToken();
        return revokeAccess.chain(() -> flow.revokeRefresh(refresh, jwt.getSubject())).replaceWith(Response.noContent().build());
    }

    static SignInFlow.Client client(HttpServerRequest http) {
        return new SignInFlow.Client(ClientAddress.of(http), http.getHeader("User-Agent"));
    }

    static ProblemException suspended(Account a) {
        ProblemException p = new ProblemException(403, ACCOUNT_SUSPENDED, "This account is suspended"
                + (a.suspensionReason() == null ? "" : ": " + a.suspensionReason()));
        return a.suspendedUntil() == null ? p : p.withExtension("suspended_until", a.suspendedUntil().toString());
    }
}
