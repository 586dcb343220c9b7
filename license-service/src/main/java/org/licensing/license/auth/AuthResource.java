package org.licensing.license.auth;

import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.http.ClientAddress;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimited;
import org.licensing.license.accounts.Account;
import org.licensing.license.accounts.AccountRules;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.accounts.AccountView;
import org.licensing.license.accounts.PasswordHasher;
import org.licensing.common.auth.Caller;

import io.quarkus.security.Authenticated;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
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
    private final PasswordHasher passwords;
    private final TokenIssuer tokens;
    private final SignInThrottle throttle;
    private final TokenBlacklist blacklist;
    private final JWTParser parser;
    private final JsonWebToken jwt;

    public AuthResource(AccountService accounts, PasswordHasher passwords, TokenIssuer tokens, SignInThrottle throttle,
            TokenBlacklist blacklist, JWTParser parser, JsonWebToken jwt) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.blacklist = blacklist;
        this.parser = parser;
        this.jwt = jwt;
    }

    public record RegisterRequest(String username, String email, String password, String role, String sellerName) {}

    public record SignInRequest(String login, String username, String email, String password) {}

    public record RefreshRequest(String refreshToken) {}

    /** Tokens plus who they are for. */
    public record SignedIn(AccountView account, String accessToken, String refreshToken, String tokenType, long expiresIn,
            long refreshExpiresIn) {
        static SignedIn of(Account a, TokenIssuer.Tokens t) {
            return new SignedIn(AccountView.of(a), t.accessToken(), t.refreshToken(), t.tokenType(), t.expiresIn(),
                    t.refreshExpiresIn());
        }
    }

    @POST
    @Path("/register")
    @PermitAll
    public Uni<Response> register(RegisterRequest req, @Context HttpServerRequest http) {
        if (req == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        String role = AccountRules.selfRegistrationRole(req.role());
        String ip = ClientAddress.of(http);
        return accounts.register(new AccountService.Registration(req.username(), req.email(), req.password(), role,
                req.sellerName()), ip)
                .chain(a -> accounts.recordSignIn(a, ip, http.getHeader("User-Agent")))
                .chain(a -> tokens.issue(a).map(t -> Response.status(201).entity(SignedIn.of(a, t)).build()));
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    public Uni<SignedIn> signIn(SignInRequest req, @Context HttpServerRequest http) {
        if (req == null) {
            throw ProblemException.badRequest(ProblemCodes.VALIDATION_FAILED, "A JSON body is required");
        }
        String login = firstNonBlank(req.login(), req.username(), req.email());
        if (login == null) {
            throw ProblemException.invalidField("login", "username or e-mail is required");
        }
        if (req.password() == null || req.password().isEmpty()) {
            throw ProblemException.invalidField("password", "is required");
        }
        String normalized = login.trim().toLowerCase(java.util.Locale.ROOT);
        if (normalized.length() > 255) {
            throw ProblemException.invalidField("login", "is too long");
        }
        String ip = ClientAddress.of(http);
        return throttle.check(normalized, ip)
                .chain(() -> accounts.byLogin(normalized))
                .chain(a -> passwords.matches(req.password(), a == null ? null : a.passwordHash()).chain(ok -> {
                    if (!ok) {
                        return throttle.recordFailure(normalized, ip).chain(() -> Uni.createFrom().<SignedIn>failure(
                                new ProblemException(401, INVALID_CREDENTIALS, "Wrong username, e-mail or password")));
                    }
                    if (a.isSuspendedAt(Instant.now())) {
                        // The password was right: not a guess, the address is the owner's.
                        return throttle.recordSuccess(normalized, ip).chain(() -> Uni.createFrom().failure(suspended(a)));
                    }
                    Uni<Account> current = a.suspended() ? accounts.reinstate(null, a.id(), ip) : Uni.createFrom().item(a);
                    return throttle.recordSuccess(normalized, ip)
                            .chain(() -> current)
                            .chain(x -> accounts.recordSignIn(x, ip, http.getHeader("User-Agent")))
                            .chain(x -> tokens.issue(x).map(t -> SignedIn.of(x, t)));
                }));
    }

    /** Alias kept for clients that say "login". */
    @POST
    @Path("/login")
    @PermitAll
    public Uni<SignedIn> login(SignInRequest req, @Context HttpServerRequest http) {
        return signIn(req, http);
    }

    /** Exchanges a refresh token for a new pair; the old refresh token is consumed and cannot be used again. */
    @POST
    @Path("/refresh")
    @PermitAll
    public Uni<SignedIn> refresh(RefreshRequest req) {
        if (req == null || req.refreshToken() == null || req.refreshToken().isBlank()) {
            throw ProblemException.invalidField("refresh_token", "is required");
        }
        JsonWebToken token = parseRefresh(req.refreshToken());
        String subject = token.getSubject();
        return tokens.consumeRefresh(token.getTokenID(), subject).chain(ok -> {
            if (!ok) {
                return Uni.createFrom().failure(new ProblemException(401, INVALID_REFRESH_TOKEN,
                        "This refresh token was already used or signed out"));
            }
            return accounts.byId(Long.parseLong(subject)).chain(a -> {
                if (a == null) {
                    return Uni.createFrom().failure(new ProblemException(401, INVALID_REFRESH_TOKEN, "The account no longer exists"));
                }
                if (a.isSuspendedAt(Instant.now())) {
                    return Uni.createFrom().failure(suspended(a));
                }
                return tokens.issue(a).map(t -> SignedIn.of(a, t));
            });
        });
    }

    /** Revokes the access token (every service refuses it at once) and, when given, the refresh token. */
    @POST
    @Path("/sign-out")
    @Authenticated
    public Uni<Response> signOut(RefreshRequest req) {
        Caller.of(jwt);
        Uni<Void> revokeAccess = blacklist.revoke(jwt.getTokenID(), jwt.getExpirationTime());
        Uni<Void> refreshRevocation = Uni.createFrom().voidItem();
        if (req != null && req.refreshToken() != null && !req.refreshToken().isBlank()) {
            try {
                JsonWebToken refresh = parser.parse(req.refreshToken());
                if (jwt.getSubject().equals(refresh.getSubject())) {
                    refreshRevocation = tokens.forgetRefresh(refresh.getTokenID());
                }
            } catch (ParseException e) {
                // An unusable refresh token needs no revoking.
            }
        }
        Uni<Void> revokeRefresh = refreshRevocation;
        return revokeAccess.chain(() -> revokeRefresh).replaceWith(Response.noContent().build());
    }

    private JsonWebToken parseRefresh(String raw) {
        try {
            JsonWebToken token = parser.parse(raw);
            Object typ = token.getClaim(TokenClaims.TYPE);
            if (!TokenClaims.TYPE_REFRESH.equals(typ == null ? null : typ.toString()) || token.getTokenID() == null
                    || token.getSubject() == null || !token.getSubject().matches("\\d{1,18}")) {
                throw new ProblemException(401, INVALID_REFRESH_TOKEN, "This is not a refresh token");
            }
            return token;
        } catch (ParseException e) {
            throw new ProblemException(401, INVALID_REFRESH_TOKEN, "The refresh token is invalid or expired");
        }
    }

    static ProblemException suspended(Account a) {
        ProblemException p = new ProblemException(403, ACCOUNT_SUSPENDED, "This account is suspended"
                + (a.suspensionReason() == null ? "" : ": " + a.suspensionReason()));
        return a.suspendedUntil() == null ? p : p.withExtension("suspended_until", a.suspendedUntil().toString());
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
