package org.licensing.license.auth;

import java.time.Instant;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.accounts.Account;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.accounts.PasswordHasher;
import org.licensing.license.auth.AuthResource.SignedIn;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;

/**
 * Signing in, step by step: throttle check, look-up, password, suspension, then tokens; and the
 * refresh-token exchange. The resources stay thin and the transport (body or cookie) stays there.
 */
@ApplicationScoped
public class SignInFlow {

    private final AccountService accounts;
    private final PasswordHasher passwords;
    private final TokenIssuer tokens;
    private final SignInThrottle throttle;
    private final JWTParser parser;

    public SignInFlow(AccountService accounts, PasswordHasher passwords, TokenIssuer tokens, SignInThrottle throttle,
            JWTParser parser) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.parser = parser;
    }

    /** Where the request came from, for the account's last sign-in and the signed-in sessions list. */
    public record Client(String ip, String userAgent) {}

    public Uni<SignedIn> signIn(AuthResource.SignInRequest req, Client client) {
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
        String normalized = login.trim().toLowerCase(Locale.ROOT);
        if (normalized.length() > 255) {
            throw ProblemException.invalidField("login", "is too long");
        }
        String ip = client.ip();
        return throttle.check(normalized, ip)
                .chain(() -> accounts.byLogin(normalized))
                .chain(a -> passwords.matches(req.password(), a == null ? null : a.passwordHash()).chain(ok -> {
                    if (!ok) {
                        return throttle.recordFailure(normalized, ip).chain(() -> Uni.createFrom().<SignedIn>failure(
                                new ProblemException(401, AuthResource.INVALID_CREDENTIALS, "Wrong username, e-mail or password")));
                    }
                    if (a.isSuspendedAt(Instant.now())) {
                        return Uni.createFrom().failure(AuthResource.suspended(a));
                    }
                    Uni<Account> current = a.suspended() ? accounts.reinstate(null, a.id(), ip) : Uni.createFrom().item(a);
                    return throttle.clearAccount(normalized)
                            .chain(() -> current)
                            .chain(x -> accounts.recordSignIn(x, ip, client.userAgent()))
                            .chain(x -> tokens.issue(x).map(t -> SignedIn.of(x, t)));
                }));
    }

    /** Exchanges a refresh token for a new pair; the old refresh token is consumed and cannot be used again. */
    public Uni<SignedIn> refresh(String raw) {
        JsonWebToken token = parseRefresh(raw);
        String subject = token.getSubject();
        return tokens.consumeRefresh(token.getTokenID(), subject).chain(ok -> {
            if (!ok) {
                return Uni.createFrom().failure(new ProblemException(401, AuthResource.INVALID_REFRESH_TOKEN,
                        "This refresh token was already used or signed out"));
            }
            return accounts.byId(Long.parseLong(subject)).chain(a -> {
                if (a == null) {
                    return Uni.createFrom().failure(
                            new ProblemException(401, AuthResource.INVALID_REFRESH_TOKEN, "The account no longer exists"));
                }
                if (a.isSuspendedAt(Instant.now())) {
                    return Uni.createFrom().failure(AuthResource.suspended(a));
                }
                return tokens.issue(a).map(t -> SignedIn.of(a, t));
            });
        });
    }

    /**
     * Revokes a refresh token (sign-out). {@code subject} non-null: only a token of that account.
     * An unusable token needs no revoking.
     */
    public Uni<Void> revokeRefresh(String raw, String subject) {
        if (raw == null || raw.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        try {
            JsonWebToken refresh = parser.parse(raw);
            if (refresh.getTokenID() == null || (subject != null && !subject.equals(refresh.getSubject()))) {
                return Uni.createFrom().voidItem();
            }
            return tokens.forgetRefresh(refresh.getTokenID());
        } catch (ParseException e) {
            return Uni.createFrom().voidItem();
        }
    }

    private JsonWebToken parseRefresh(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField("refresh_token", "is required");
        }
        try {
            JsonWebToken token = parser.parse(raw);
            Object typ = token.getClaim(TokenClaims.TYPE);
            if (!TokenClaims.TYPE_REFRESH.equals(typ == null ? null : typ.toString()) || token.getTokenID() == null
                    || token.getSubject() == null || !token.getSubject().matches("\\d{1,18}")) {
                throw new ProblemException(401, AuthResource.INVALID_REFRESH_TOKEN, "This is not a refresh token");
            }
            return token;
        } catch (ParseException e) {
            throw new ProblemException(401, AuthResource.INVALID_REFRESH_TOKEN, "The refresh token is invalid or expired");
        }
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
