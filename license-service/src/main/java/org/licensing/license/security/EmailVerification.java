package org.licensing.license.security;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimitFilter;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.license.accounts.Account;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * E-mail verification: registration sends a single-use link; following it sets
 * {@code email_verified_at}, provided the account still has the address it was sent to.
 * A resend is limited per account ({@code verification-resend}).
 */
@ApplicationScoped
public class EmailVerification {

    private static final Logger LOG = Logger.getLogger(EmailVerification.class);

    private final Pool pool;
    private final AccountService accounts;
    private final OneTimeTokens oneTime;
    private final AccountMail mail;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RateLimiter limiter;
    private final Duration ttl;

    public EmailVerification(Pool pool, AccountService accounts, OneTimeTokens oneTime, AccountMail mail, Outbox outbox,
            OutboxRelay relay, RateLimiter limiter,
            @ConfigProperty(name = "licensing.accounts.email-verification-ttl") Duration ttl) {
        this.pool = pool;
        this.accounts = accounts;
        this.oneTime = oneTime;
        this.mail = mail;
        this.outbox = outbox;
        this.relay = relay;
        this.limiter = limiter;
        this.ttl = ttl;
    }

    /** Sends the link after the caller's answer (registration does not wait for SMTP). */
    public void sendInBackground(Account a, String ip) {
        send(a, ip).subscribe().with(x -> {}, f -> LOG.warnf("Verification e-mail to account %d failed: %s", a.id(), f.getMessage()));
    }

    private Uni<Void> send(Account a, String ip) {
        return oneTime.issue(a.id(), OneTimeTokens.EMAIL_VERIFICATION, a.email(), ttl, ip)
                .chain(t -> mail.verification(a, t.token(), t.expiresAt()));
    }

    /** The limited resend: 409 when already verified, 429 with Retry-After past the limit. */
    public Uni<Void> resend(long accountId, String ip) {
        return accounts.require(accountId).chain(a -> {
            if (a.emailVerified()) {
                return Uni.createFrom().failure(ProblemException.conflict(LicenseCodes.EMAIL_ALREADY_VERIFIED, "This e-mail address is already verified"));
            }
            String subject = "verification-resend:" + a.id();
            return limiter.hit(subject, subject, "verification-resend").chain(d -> d.allowed() ? send(a, ip)
                    : Uni.createFrom().failure(RateLimitFilter.refusal(d)));
        });
    }

    public Uni<Account> confirm(String token, String ip) {
        if (token == null || token.isBlank()) {
            throw ProblemException.invalidField("token", "is required");
        }
        return pool.withTransaction(tx -> oneTime.consume(tx, OneTimeTokens.EMAIL_VERIFICATION, token).chain(use -> {
            if (use == null || !use.valid()) {
                String why = use == null ? "unknown" : use.used() ? "already used" : "expired";
                return Uni.createFrom().<Account>failure(new ProblemException(400, LicenseCodes.INVALID_VERIFICATION_TOKEN,
                        "This verification link is " + why).withExtension("reason", why.replace(' ', '_')));
            }
            return tx.preparedQuery("UPDATE license.accounts SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now()"
                    + " WHERE id = $1 AND email = $2 RETURNING id").execute(Tuple.of(use.accountId(), use.email()))
                    .chain(rows -> {
                        if (!rows.iterator().hasNext()) {
                            return Uni.createFrom().<Account>failure(new ProblemException(400, LicenseCodes.INVALID_VERIFICATION_TOKEN,
                                    "The account's e-mail address changed since this link was sent"));
                        }
                        return outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_EMAIL_VERIFIED).account(use.accountId())
                                .actor(use.accountId()).ip(ip).source(AccountService.SOURCE).data(Map.of("email", use.email())).build())
                                .chain(() -> AccountService.byIdIn(tx, use.accountId()));
                    });
        })).invoke(relay::kick);
    }
}
