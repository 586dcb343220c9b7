package org.licensing.license.security;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.license.accounts.Account;
import org.licensing.license.accounts.AccountRules;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.accounts.PasswordHasher;
import org.licensing.license.accounts.PasswordPolicy;
import org.licensing.license.auth.SessionStore;
import org.licensing.license.auth.SignInThrottle;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Changing a password (knowing the current one) and resetting a forgotten one (by a single-use
 * e-mailed token). Both end the account's other signed-in sessions: a reset ends all of them,
 * a change all but the caller's.
 */
@ApplicationScoped
public class PasswordService {

    private static final Logger LOG = Logger.getLogger(PasswordService.class);

    private final Pool pool;
    private final AccountService accounts;
    private final PasswordHasher passwords;
    private final SessionStore sessions;
    private final OneTimeTokens oneTime;
    private final AccountMail mail;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RateLimiter limiter;
    private final SignInThrottle throttle;
    private final Duration resetTtl;

    public PasswordService(Pool pool, AccountService accounts, PasswordHasher passwords, SessionStore sessions, OneTimeTokens oneTime,
            AccountMail mail, Outbox outbox, OutboxRelay relay, RateLimiter limiter, SignInThrottle throttle,
            @ConfigProperty(name = "licensing.accounts.password-reset-ttl") Duration resetTtl) {
        this.pool = pool;
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.oneTime = oneTime;
        this.mail = mail;
        this.outbox = outbox;
        this.relay = relay;
        this.limiter = limiter;
        this.throttle = throttle;
        this.resetTtl = resetTtl;
    }

    /**
     * Steps: the current password (a wrong one counts as a failed sign-in), the policy, the new
     * hash with the forced-change flag cleared, the event, every other session ended, a notice.
     */
    public Uni<Account> change(long accountId, String current, String next, UUID keepSession, String ip) {
        if (current == null || current.isEmpty()) {
            throw ProblemException.invalidField("current_password", "is required");
        }
        if (next == null) {
            throw ProblemException.invalidField(PasswordPolicy.FIELD, "is required");
        }
        return accounts.require(accountId).chain(a -> throttle.check(a.username(), ip)
                .chain(() -> passwords.matches(current, a.passwordHash()))
                .chain(ok -> {
                    if (!ok) {
                        return throttle.recordFailure(a.username(), ip).chain(() -> Uni.createFrom().<Account>failure(
                                new ProblemException(403, LicenseCodes.INVALID_CURRENT_PASSWORD, "The current password is wrong")));
                    }
                    // The right current password is no guess: its throttle slot is given back.
                    return throttle.recordSuccess(a.username(), ip).chain(() -> {
                        PasswordPolicy.check(PasswordPolicy.FIELD, next, a.username(), a.email());
                        if (next.equals(current)) {
                            throw ProblemException.invalidField(PasswordPolicy.FIELD, "must differ from the current password");
                        }
                        return passwords.hash(next);
                    }).chain(hash -> pool.withTransaction(tx -> setPassword(tx, a.id(), hash, false)
                            .call(() -> outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_PASSWORD_CHANGED).account(a.id())
                                    .actor(a.id()).ip(ip).source(AccountService.SOURCE)
                                    .data(Map.of("forced", a.mustChangePassword())).build()))
                            .call(() -> sessions.endAll(tx, a.id(), keepSession, SessionStore.REASON_PASSWORD))))
                            .invoke(relay::kick)
                            .call(x -> mail.notice(x, "Your password was changed", "The password of your account was changed", ip));
                }));
    }

    private Uni<Account> setPassword(SqlClient tx, long id, String hash, boolean verifyEmail) {
        return tx.preparedQuery("UPDATE license.accounts SET password_hash = $2, must_change_password = false,"
                + " password_changed_at = now(), updated_at = now()"
                + (verifyEmail ? ", email_verified_at = coalesce(email_verified_at, now())" : "") + " WHERE id = $1")
                .execute(Tuple.of(id, hash)).chain(() -> AccountService.byIdIn(tx, id));
    }

    /**
     * A reset request: always accepted (202) so no one learns whether an address is registered;
     * the work, limited per address and per account, runs after the answer.
     */
    public void requestReset(String rawEmail, String ip) {
        String email = AccountRules.email(rawEmail);
        // Subject and "IP" are the same string, so the counters are per address and per account, whatever the caller's IP.
        String byAddress = "password-reset:" + email;
        limiter.hit(byAddress, byAddress, "password-reset-address")
                .chain(d -> {
                    if (!d.allowed()) {
                        LOG.infof("Password reset for an address refused: over the limit");
                        return Uni.createFrom().voidItem();
                    }
                    return accounts.byLogin(email).chain(a -> a == null || !email.equals(a.email()) ? Uni.createFrom().voidItem()
                            : limiter.hit("password-reset-account:" + a.id(), "password-reset-account:" + a.id(), "password-reset-account").chain(d2 -> !d2.allowed()
                                    ? Uni.createFrom().voidItem()
                                    : oneTime.issue(a.id(), OneTimeTokens.PASSWORD_RESET, a.email(), resetTtl, ip)
                                            .chain(t -> mail.passwordReset(a, t.token(), t.expiresAt()))));
                })
                .subscribe().with(x -> {}, f -> LOG.warnf("Password reset request failed: %s", f.getMessage()));
    }

    /** Sets the new password from a valid token, verifies the address it was sent to, and ends every session. */
    public Uni<Account> confirmReset(String token, String next, String ip) {
        if (token == null || token.isBlank()) {
            throw ProblemException.invalidField("token", "is required");
        }
        if (next == null) {
            throw ProblemException.invalidField(PasswordPolicy.FIELD, "is required");
        }
        return pool.withTransaction(tx -> oneTime.consume(tx, OneTimeTokens.PASSWORD_RESET, token).chain(use -> {
            if (use == null || !use.valid()) {
                String why = use == null ? "unknown" : use.used() ? "already used" : "expired";
                return Uni.createFrom().<Account>failure(new ProblemException(400, LicenseCodes.INVALID_RESET_TOKEN,
                        "This reset link is " + why + "; ask for a new one").withExtension("reason", why.replace(' ', '_')));
            }
            return AccountService.byIdIn(tx, use.accountId()).chain(a -> {
                PasswordPolicy.check(PasswordPolicy.FIELD, next, a.username(), a.email());
                return passwords.hash(next).chain(hash -> setPassword(tx, a.id(), hash, a.email().equals(use.email())))
                        .call(() -> outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_PASSWORD_RESET).account(a.id()).actor(a.id())
                                .ip(ip).source(AccountService.SOURCE).data(Map.of()).build()))
                        .call(() -> sessions.endAll(tx, a.id(), null, SessionStore.REASON_PASSWORD));
            });
        })).invoke(relay::kick).call(a -> throttle.clearLogin(a.username()));
    }
}
