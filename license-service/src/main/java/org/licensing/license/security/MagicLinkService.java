package org.licensing.license.security;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.auth.Roles;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.ratelimit.RateLimiter;
import org.licensing.license.accounts.AccountRules;
import org.licensing.license.accounts.AccountsConfig;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.auth.SignInFlow;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Magic-link sign-in for customers: an e-mailed single-use link (a {@link OneTimeTokens} token of
 * purpose MAGIC_LINK, hashed at rest) valid {@code licensing.accounts.magic-link-ttl} (15 minutes).
 * Asking always answers 202 whether or not the address is a customer's, limited per address and per
 * account like password resets; following the link is a first factor only, so 2FA still applies.
 */
@ApplicationScoped
public class MagicLinkService {

    private static final Logger LOG = Logger.getLogger(MagicLinkService.class);

    private final Pool pool;
    private final AccountService accounts;
    private final OneTimeTokens oneTime;
    private final AccountMail mail;
    private final RateLimiter limiter;
    private final SignInFlow flow;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Duration ttl;

    public MagicLinkService(Pool pool, AccountService accounts, OneTimeTokens oneTime, AccountMail mail, RateLimiter limiter,
            SignInFlow flow, Outbox outbox, OutboxRelay relay, AccountsConfig config) {
        this.pool = pool;
        this.accounts = accounts;
        this.oneTime = oneTime;
        this.mail = mail;
        this.limiter = limiter;
        this.flow = flow;
        this.outbox = outbox;
        this.relay = relay;
        this.ttl = config.magicLinkTtl();
    }

    /** Steps after the 202: the address's limit, a customer with exactly this address, the account's limit, a token, the mail. */
    public void request(String rawEmail, String ip) {
        String email = AccountRules.email(rawEmail);
        String byAddress = "magic-link:" + email;
        limiter.hit(byAddress, byAddress, "magic-link-address")
                .chain(d -> !d.allowed() ? Uni.createFrom().voidItem() : accounts.byLogin(email).chain(a -> {
                    if (a == null || !email.equals(a.email()) || !Roles.CUSTOMER.equals(a.role())) {
                        return Uni.createFrom().voidItem();
                    }
                    String byAccount = "magic-link-account:" + a.id();
                    return limiter.hit(byAccount, byAccount, "magic-link-account").chain(d2 -> !d2.allowed()
                            ? Uni.createFrom().voidItem()
                            : oneTime.issue(a.id(), OneTimeTokens.MAGIC_LINK, a.email(), ttl, ip)
                                    .chain(t -> mail.magicLink(a, t.token(), t.expiresAt(), ttl.toMinutes())));
                }))
                .subscribe().with(x -> {}, f -> LOG.warnf("Magic link request failed: %s", f.getMessage()));
    }

    /** Consumes the link's token (once; older links of the account die with it), then the sign-in's next step. */
    public Uni<SignInFlow.Outcome> signIn(String token, SignInFlow.Client client) {
        if (token == null || token.isBlank()) {
            throw ProblemException.invalidField("token", "is required");
        }
        return pool.withTransaction(tx -> oneTime.consume(tx, OneTimeTokens.MAGIC_LINK, token).chain(use -> {
            if (use == null || !use.valid()) {
                String why = use == null ? "unknown" : use.used() ? "already used" : "expired";
                return Uni.createFrom().<Long>failure(new ProblemException(400, LicenseCodes.INVALID_MAGIC_LINK,
                        "This sign-in link is " + why + "; ask for a new one").withExtension("reason", why.replace(' ', '_')));
            }
            return outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_MAGIC_LINK_USED).account(use.accountId()).actor(use.accountId())
                    .ip(client.ip()).source(AccountService.SOURCE).data(Map.of()).build()).replaceWith(use.accountId());
        })).invoke(relay::kick)
                .chain(accounts::require)
                .chain(a -> flow.firstFactorPassed(a, a.email(), client));
    }
}
