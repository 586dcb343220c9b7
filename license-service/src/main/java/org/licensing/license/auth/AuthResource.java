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
import org.licensing.license.security.EmailVerification;
import org.licensing.license.security.PasswordService;
import org.licensing.license.LicenseCodes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** Register, sign in (username or e-mail, then 2FA when on), refresh (rotating, body or cookie), sign out. */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RateLimited("auth")
public class AuthResource {


    private final AccountService accounts;
    private final SessionStore sessions;
    private final EmailVerification verification;
    private final PasswordService passwordResets;
    private final SignInFlow flow;
    private final TokenBlacklist blacklist;
    private final JsonWebToken jwt;
    private final ObjectMapper json;

    public AuthResource(AccountService accounts, SessionStore sessions, EmailVerification verification,
            PasswordService passwordResets, SignInFlow flow, TokenBlacklist blacklist, JsonWebToken jwt, ObjectMapper json) {
        this.passwordResets = passwordResets;
        this.json = json;
        this.accounts = accounts;
        this.sessions = sessions;
        this.verification = verification;
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
    @Operation(summary = "Register a SELLER or CUSTOMER and sign in; a verification link is e-mailed (X-Refresh-Mode: cookie as for sign-in)")
    public Uni<Response> register(RegisterRequest req, @HeaderParam(RefreshCookie.MODE_HEADER) String mode,
            @Context HttpServerRequest http) {
        if (req == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        String role = AccountRules.selfRegistrationRole(req.role());
        SignInFlow.Client client = client(http);
        return accounts.register(new AccountService.Registration(req.username(), req.email(), req.password(), role,
                req.sellerName()), client.ip())
                .invoke(a -> verification.sendInBackground(a, client.ip()))
                .chain(a -> flow.complete(a, client))
                .map(s -> RefreshCookie.answer(201, s, RefreshCookie.requested(mode)));
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    @Operation(summary = "Sign in with username or e-mail: tokens, or {two_factor_required, challenge} with 2FA on;"
            + " X-Refresh-Mode: cookie puts the refresh token in the lm_refresh cookie")
    public Uni<Response> signIn(SignInRequest req, @HeaderParam(RefreshCookie.MODE_HEADER) String mode,
            @Context HttpServerRequest http) {
        return flow.signIn(req, client(http)).map(o -> o.challenge() != null
                ? Response.ok(new SignInFlow.Challenge(true, o.challenge())).build()
                : RefreshCookie.answer(200, o.signedIn(), RefreshCookie.requested(mode)));
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

    public record SecondStepRequest(String challenge, String code, String recoveryCode) {}

    /** The second step of a sign-in with 2FA on: the challenge and a current code or an unused recovery code. */
    @POST
    @Path("/sign-in/2fa")
    @PermitAll
    @Operation(summary = "Second sign-in step with 2FA on: {challenge, code | recovery_code} gives the tokens (X-Refresh-Mode: cookie)")
    public Uni<Response> signInSecondStep(SecondStepRequest req, @HeaderParam(RefreshCookie.MODE_HEADER) String mode,
            @Context HttpServerRequest http) {
        if (req == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        return flow.secondStep(req.challenge(), req.code(), req.recoveryCode(), client(http))
                .map(s -> RefreshCookie.answer(200, s, RefreshCookie.requested(mode)));
    }

    /**
     * Exchanges a refresh token for a new pair; the old refresh token is consumed and cannot be used
     * again (presenting it again ends the whole session). The token comes from the body, or (no body,
     * or no {@code refresh_token} in it) from the {@code lm_refresh} cookie; a cookie in gives a cookie out.
     */
    @POST
    @Path("/refresh")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Rotate a refresh token (from the JSON body, or from the lm_refresh cookie)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RefreshRequest.class)))
    public Uni<Response> refresh(String body, @HeaderParam(RefreshCookie.MODE_HEADER) String mode,
            @CookieParam(RefreshCookie.NAME) String cookie, @Context HttpServerRequest http) {
        // The body is read as text so that a cookie-mode call may send none, with any or no Content-Type.
        RefreshRequest req = parse(body);
        boolean fromBody = req != null && req.refreshToken() != null && !req.refreshToken().isBlank();
        boolean cookieMode = !fromBody || RefreshCookie.requested(mode);
        return flow.refresh(fromBody ? req.refreshToken() : cookie, client(http)).map(s -> RefreshCookie.answer(200, s, cookieMode));
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

    /** Cookie-mode sign-out: ends the cookie's session, revokes the bearer access token when sent, and clears the cookie. */
    @DELETE
    @Path("/refresh")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Sign out in cookie mode: end the lm_refresh cookie's session (and revoke the bearer token if sent), clear the cookie")
    public Uni<Response> signOutCookie(@CookieParam(RefreshCookie.NAME) String cookie) {
        boolean bearer = jwt.getRawToken() != null;
        Uni<Void> revokeAccess = bearer ? blacklist.revoke(jwt.getTokenID(), jwt.getExpirationTime()) : Uni.createFrom().voidItem();
        return revokeAccess.chain(() -> flow.signOut(cookie, bearer ? jwt.getSubject() : null, bearer ? jwt.getTokenID() : null))
                .replaceWith(Response.noContent().header("Set-Cookie", RefreshCookie.clear()).build());
    }

    /** Revokes the access token (every service refuses it at once) and ends its session (or the given refresh token's). */
    @POST
    @Path("/sign-out")
    @Authenticated
    @Operation(summary = "Sign out: revoke the access token and end the session of the given refresh token (or of the access token)")
    public Uni<Response> signOut(RefreshRequest req) {
        Caller.of(jwt);
        Uni<Void> revokeAccess = blacklist.revoke(jwt.getTokenID(), jwt.getExpirationTime());
        String refresh = req == null ? null : req.refreshToken();
        return revokeAccess.chain(() -> flow.signOut(refresh, jwt.getSubject(), jwt.getTokenID()))
                .replaceWith(Response.noContent().build());
    }

    /** Ends every signed-in session of the caller's account, this one included. */
    @POST
    @Path("/sign-out-everywhere")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "End every signed-in session of the account (refresh tokens revoked, access tokens blacklisted)")
    public Uni<Response> signOutEverywhere() {
        Caller caller = Caller.of(jwt);
        return blacklist.revoke(jwt.getTokenID(), jwt.getExpirationTime())
                .chain(() -> sessions.endAll(caller.accountId(), null, SessionStore.REASON_EVERYWHERE))
                .map(n -> Response.noContent().header("X-Sessions-Ended", n).header("Set-Cookie", RefreshCookie.clear()).build());
    }

    public record ResetRequest(String email) {}

    public record ResetConfirmation(String token, String newPassword) {}

    public record TokenRequest(String token) {}

    public record Verified(String email, java.time.Instant emailVerifiedAt) {}

    /** Always 202, registered address or not; a link valid one hour goes to a registered one (limited per address and account). */
    @POST
    @Path("/password-reset")
    @PermitAll
    @Operation(summary = "Ask for a password-reset e-mail: always 202, whether or not the address is registered")
    public Response requestPasswordReset(ResetRequest req, @Context HttpServerRequest http) {
        passwordResets.requestReset(req == null ? null : req.email(), ClientAddress.of(http));
        return Response.accepted().build();
    }

    @POST
    @Path("/password-reset/confirm")
    @PermitAll
    @Operation(summary = "Set a new password with the e-mailed single-use token; ends every signed-in session")
    public Uni<Response> confirmPasswordReset(ResetConfirmation req, @Context HttpServerRequest http) {
        if (req == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        return passwordResets.confirmReset(req.token(), req.newPassword(), ClientAddress.of(http))
                .replaceWith(Response.noContent().build());
    }

    @POST
    @Path("/verify-email")
    @PermitAll
    @Operation(summary = "Verify the e-mail address with the token of the e-mailed link")
    public Uni<Verified> verifyEmail(TokenRequest req, @Context HttpServerRequest http) {
        return verification.confirm(req == null ? null : req.token(), ClientAddress.of(http))
                .map(a -> new Verified(a.email(), a.emailVerifiedAt()));
    }

    /** Another verification link for the caller's own address (limited: 429 with Retry-After). */
    @POST
    @Path("/verify-email/resend")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Send the verification link again (limited per account)")
    public Uni<Response> resendVerification(@Context HttpServerRequest http) {
        Caller caller = Caller.of(jwt);
        return verification.resend(caller.accountId(), ClientAddress.of(http)).replaceWith(Response.accepted().build());
    }

    static SignInFlow.Client client(HttpServerRequest http) {
        return new SignInFlow.Client(ClientAddress.of(http), http.getHeader("User-Agent"));
    }

    static ProblemException suspended(Account a) {
        ProblemException p = new ProblemException(403, LicenseCodes.ACCOUNT_SUSPENDED, "This account is suspended"
                + (a.suspensionReason() == null ? "" : ": " + a.suspensionReason()));
        return a.suspendedUntil() == null ? p : p.withExtension("suspended_until", a.suspendedUntil().toString());
    }
}
