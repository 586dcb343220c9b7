package org.licensing.license.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.licensing.common.tokens.TokenKeys;
import org.licensing.common.tokens.TokenKind;
import org.licensing.common.tokens.TokenVerifier;
import org.licensing.common.auth.TokenClaims;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.accounts.Account;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.accounts.PasswordHasher;
import org.licensing.license.auth.AuthResource.SignedIn;
import org.licensing.license.security.TwoFactorService;
import org.licensing.license.LicenseCodes;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Signing in, step by step: throttle check, look-up, password, suspension, then either tokens
 * (a new signed-in session) or, with two-factor sign-in on, a short-lived single-use challenge
 * that {@link #secondStep} exchanges for the tokens with a code. Refreshing rotates the session's
 * refresh token; a rotated one presented again ends the whole session ({@code auth.refresh_reuse}).
 * The resources stay thin and the transport (body or cookie) stays there.
 */
@ApplicationScoped
public class SignInFlow {


    private final AccountService accounts;
    private final PasswordHasher passwords;
    private final TokenIssuer tokens;
    private final SignInThrottle throttle;
    private final TokenVerifier parser; // of refresh tokens only (their own key and audience)
    private final SessionStore sessions;
    private final TwoFactorService twoFactor;
    private final Pool pool;
    private final ReactiveRedisDataSource redis;
    private final Duration challengeTtl;
    private final SecureRandom random = new SecureRandom();

    public SignInFlow(AccountService accounts, PasswordHasher passwords, TokenIssuer tokens, SignInThrottle throttle,
            TokenKeys keys, SessionStore sessions, TwoFactorService twoFactor, Pool pool, ReactiveRedisDataSource redis,
            @ConfigProperty(name = "licensing.auth.two-factor.challenge-ttl") Duration challengeTtl) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.throttle = throttle;
        this.parser = keys.verifier(TokenKind.REFRESH);
        this.sessions = sessions;
        this.twoFactor = twoFactor;
        this.pool = pool;
        this.redis = redis;
        this.challengeTtl = challengeTtl;
    }

    /** Where the request came from, for the account's last sign-in and the signed-in sessions list. */
    public record Client(String ip, String userAgent) {}

    /** The first step's answer: tokens, or (2FA on) a challenge. */
    public record Outcome(SignedIn signedIn, String challenge) {}

    public record Challenge(boolean twoFactorRequired, String challenge) {}

    static String challengeKey(String challenge) {
        return "auth:2fa-challenge:" + challenge;
    }

    public Uni<Outcome> signIn(AuthResource.SignInRequest req, Client client) {
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
                        return throttle.recordFailure(normalized, ip).chain(() -> Uni.createFrom().<Outcome>failure(
                                new ProblemException(401, LicenseCodes.INVALID_CREDENTIALS, "Wrong username, e-mail or password")));
                    }
                    // The password was right: not a guess, the address is the owner's.
                    return throttle.recordSuccess(normalized, ip).chain(() -> firstFactorPassed(a, normalized, client));
                }));
    }

    /**
     * After a first factor (the password, or an e-mailed sign-in link): refused when suspended, a
     * challenge for the second step when 2FA is on (its failures count against {@code login}), else signed in.
     */
    public Uni<Outcome> firstFactorPassed(Account a, String login, Client client) {
        if (a.isSuspendedAt(Instant.now())) {
            return Uni.createFrom().failure(AuthResource.suspended(a));
        }
        if (a.twoFactorEnabled()) {
            String challenge = newChallenge();
            return redis.value(String.class).setex(challengeKey(challenge), challengeTtl.toSeconds(), a.id() + "|" + login)
                    .replaceWith(new Outcome(null, challenge));
        }
        return complete(a, client).map(s -> new Outcome(s, null));
    }

    /** The second step: the challenge (consumed whatever the result) and a code or a recovery code. */
    public Uni<SignedIn> secondStep(String challenge, String code, String recoveryCode, Client client) {
        if (challenge == null || challenge.isBlank() || challenge.length() > 100) {
            throw ProblemException.invalidField("challenge", "is required");
        }
        boolean hasCode = code != null && !code.isBlank();
        boolean hasRecovery = recoveryCode != null && !recoveryCode.isBlank();
        if (hasCode == hasRecovery) {
            throw ProblemException.invalidField("code", "give either code or recovery_code");
        }
        return redis.value(String.class).getdel(challengeKey(challenge)).chain(v -> {
            if (v == null) {
                return Uni.createFrom().failure(new ProblemException(401, LicenseCodes.INVALID_CHALLENGE,
                        "This sign-in challenge is unknown, expired or already used; sign in again"));
            }
            long accountId = Long.parseLong(v.substring(0, v.indexOf('|')));
            String login = v.substring(v.indexOf('|') + 1);
            return throttle.check(login, client.ip())
                    .chain(() -> twoFactor.verifySignIn(accountId, hasCode ? code : null, hasRecovery ? recoveryCode : null))
                    .chain(ok -> {
                        if (!ok) {
                            return throttle.recordFailure(login, client.ip()).chain(() -> Uni.createFrom().<SignedIn>failure(
                                    TwoFactorService.invalidCode(hasCode ? "code" : "recovery_code", 401)));
                        }
                        return throttle.recordSuccess(login, client.ip()).chain(() -> accounts.require(accountId)).chain(a -> a.isSuspendedAt(Instant.now())
                                ? Uni.createFrom().<SignedIn>failure(AuthResource.suspended(a))
                                : complete(a, client));
                    });
        });
    }

    /** A successful sign-in (or registration): bookkeeping, tokens, a new session. */
    public Uni<SignedIn> complete(Account signedIn, Client client) {
        Uni<Account> current = signedIn.suspended() ? accounts.reinstate(null, signedIn.id(), client.ip())
                : Uni.createFrom().item(signedIn);
        return current.chain(x -> accounts.recordSignIn(x, client.ip(), client.userAgent()))
                .chain(x -> tokens.issue(x).call(t -> sessions.start(x.id(), t, client)).map(t -> SignedIn.of(x, t)));
    }

    /** What a rotation found, decided inside the transaction and answered after it commits. */
    private record Rotation(SignedIn signedIn, ProblemException refusal) {}

    /** Rotates a refresh token within its session; a rotated (or revoked) one is refused, a rotated one ends the session. */
    public Uni<SignedIn> refresh(String raw, Client client) {
        JsonWebToken token = parseRefresh(raw);
        String jti = token.getTokenID();
        String subject = token.getSubject();
        long accountId = Long.parseLong(subject);
        ProblemException used = new ProblemException(401, LicenseCodes.INVALID_REFRESH_TOKEN,
                "This refresh token was already used or signed out");
        return pool.withTransaction(tx -> sessions.lockFamilyOf(tx, jti).chain(f -> {
            if (f != null && f.revoked()) {
                return Uni.createFrom().item(new Rotation(null, used));
            }
            if (f != null && !f.currentJti().equals(jti)) {
                return sessions.endForReuse(tx, f, jti, client.ip()).replaceWith(new Rotation(null, used));
            }
            return tokens.consumeRefresh(jti, subject).chain(ok -> !ok ? Uni.createFrom().item(new Rotation(null, used))
                    : AccountService.byIdIn(tx, accountId).chain(a -> {
                        if (a == null) {
                            return Uni.createFrom().item(new Rotation(null,
                                    new ProblemException(401, LicenseCodes.INVALID_REFRESH_TOKEN, "The account no longer exists")));
                        }
                        if (a.isSuspendedAt(Instant.now())) {
                            return Uni.createFrom().item(new Rotation(null, AuthResource.suspended(a)));
                        }
                        // A token from before sessions were recorded starts a session of its own.
                        return tokens.issue(a).call(t -> f == null ? sessions.start(tx, a.id(), t, client) : sessions.advance(tx, f.id(), t))
                                .map(t -> new Rotation(SignedIn.of(a, t), null));
                    }));
        })).map(r -> {
            if (r.refusal() != null) {
                throw r.refusal();
            }
            return r.signedIn();
        });
    }

    /** New tokens for the caller's own session (after a password change), or a new session when it is unknown. */
    public Uni<SignedIn> reissue(Account a, UUID session, Client client) {
        if (session == null) {
            return tokens.issue(a).call(t -> sessions.start(a.id(), t, client)).map(t -> SignedIn.of(a, t));
        }
        return pool.withTransaction(tx -> tokens.issue(a).call(t -> sessions.advance(tx, session, t)).map(t -> SignedIn.of(a, t)));
    }

    /**
     * Signs out: ends the session of the refresh token (or, without one, of the access token).
     * {@code subject} non-null: only a token of that account. An unusable token needs nothing.
     */
    public Uni<Void> signOut(String rawRefresh, String subject, String accessJti) {
        if (rawRefresh != null && !rawRefresh.isBlank()) {
            try {
                JsonWebToken refresh = parser.parse(rawRefresh);
                if (refresh.getTokenID() != null && (subject == null || subject.equals(refresh.getSubject()))
                        && refresh.getSubject() != null && refresh.getSubject().matches("\\d{1,18}")) {
                    long owner = Long.parseLong(refresh.getSubject());
                    String jti = refresh.getTokenID();
                    return sessions.sessionOfRefresh(jti).chain(s -> s == null ? tokens.forgetRefresh(jti)
                            : sessions.end(owner, s, SessionStore.REASON_SIGN_OUT).replaceWithVoid());
                }
            } catch (ParseException e) {
                // An unusable refresh token needs no revoking.
            }
        }
        if (accessJti != null && subject != null) {
            return sessions.sessionOfAccess(accessJti).chain(s -> s == null ? Uni.createFrom().voidItem()
                    : sessions.end(Long.parseLong(subject), s, SessionStore.REASON_SIGN_OUT).replaceWithVoid());
        }
        return Uni.createFrom().voidItem();
    }

    private String newChallenge() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
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
                throw new ProblemException(401, LicenseCodes.INVALID_REFRESH_TOKEN, "This is not a refresh token");
            }
            return token;
        } catch (ParseException e) {
            throw new ProblemException(401, LicenseCodes.INVALID_REFRESH_TOKEN, "The refresh token is invalid or expired");
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
