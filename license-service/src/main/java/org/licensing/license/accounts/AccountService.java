package org.licensing.license.accounts;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Roles;
import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemCodes;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/** Accounts: registration, look-up, sign-in bookkeeping, admin search and suspension. */
@ApplicationScoped
public class AccountService {

    public static final String SOURCE = "license-service";

    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final TokenBlacklist blacklist;
    private final PasswordHasher passwords;

    public AccountService(Pool pool, Outbox outbox, OutboxRelay relay, TokenBlacklist blacklist, PasswordHasher passwords) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.blacklist = blacklist;
        this.passwords = passwords;
    }

    public record Registration(String username, String email, String password, String role, String sellerName) {}

    /** Validates, hashes and inserts; the account.registered event commits with the row. */
    public Uni<Account> register(Registration r, String ip) {
        String username = AccountRules.username(r.username());
        String email = AccountRules.email(r.email());
        String password = PasswordPolicy.check("password", r.password(), username, email);
        String role = r.role();
        String sellerName = AccountRules.sellerName(role, r.sellerName());
        return passwords.hash(password).chain(hash -> pool.withTransaction(tx -> tx.preparedQuery(
                "INSERT INTO license.accounts (username, email, password_hash, role, seller_name) VALUES ($1, $2, $3, $4, $5)"
                        + " RETURNING " + Account.COLUMNS)
                .execute(Tuple.of(username, email, hash, role, sellerName))
                .map(rows -> Account.from(rows.iterator().next()))
                .call(a -> outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_REGISTERED).account(a.id()).actor(a.id())
                        .ip(ip).source(SOURCE).data(Map.of("role", role, "username", username)).build()))))
                .onFailure(PgException.class).transform(AccountService::uniqueViolation)
                .invoke(relay::kick);
    }

    /** The bootstrap admin's password when the operator supplies none; it must be changed at first sign-in. */
    public static final String DEFAULT_ADMIN_PASSWORD = "admin-change-me";

    /**
     * Creates the configured first admin once. With a supplied password the admin uses it and is
     * not forced to change it (and an admin still flagged from a start without one gets it now);
     * without one it gets {@link #DEFAULT_ADMIN_PASSWORD} and must change it at first sign-in.
     * An existing admin still on the default password counts as flagged. Any other existing
     * account of that name is left as it is.
     */
    public Uni<Boolean> ensureAdmin(String username, String email, java.util.Optional<String> supplied) {
        String u = AccountRules.username(username);
        String e = AccountRules.email(email);
        boolean given = supplied.isPresent() && !supplied.get().isBlank();
        String password = given ? AccountRules.password(supplied.get()) : DEFAULT_ADMIN_PASSWORD;
        return byLogin(u).chain(existing -> {
            if (existing != null) {
                if (!Roles.ADMIN.equals(existing.role())) {
                    return Uni.createFrom().item(false);
                }
                // An admin created before forced changes existed may still have the default password: same rule.
                Uni<Boolean> onDefault = existing.mustChangePassword() ? Uni.createFrom().item(true)
                        : passwords.matches(DEFAULT_ADMIN_PASSWORD, existing.passwordHash());
                return onDefault.chain(still -> {
                    if (!still) {
                        return Uni.createFrom().item(false);
                    }
                    if (!given) {
                        return pool.preparedQuery("UPDATE license.accounts SET must_change_password = true WHERE id = $1")
                                .execute(Tuple.of(existing.id())).replaceWith(false);
                    }
                    return passwords.hash(password).chain(hash -> pool.preparedQuery("UPDATE license.accounts SET password_hash = $2,"
                            + " must_change_password = false, password_changed_at = now(), updated_at = now() WHERE id = $1")
                            .execute(Tuple.of(existing.id(), hash))).replaceWith(false);
                });
            }
            return passwords.hash(password).chain(hash -> pool.withTransaction(tx -> tx.preparedQuery(
                    "INSERT INTO license.accounts (username, email, password_hash, role, must_change_password)"
                            + " VALUES ($1, $2, $3, 'ADMIN', $4) ON CONFLICT DO NOTHING RETURNING id")
                    .execute(Tuple.of(u, e, hash, !given))
                    .chain(rows -> {
                        if (!rows.iterator().hasNext()) {
                            return Uni.createFrom().item(false);
                        }
                        long id = rows.iterator().next().getLong("id");
                        return outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_REGISTERED).account(id).source(SOURCE)
                                .data(Map.of("role", Roles.ADMIN, "username", u, "bootstrap", true)).build()).replaceWith(true);
                    })));
        });
    }

    public Uni<Account> byId(long id) {
        return pool.preparedQuery("SELECT " + Account.COLUMNS + " FROM license.accounts WHERE id = $1")
                .execute(Tuple.of(id)).map(AccountService::firstOrNull);
    }

    public Uni<Account> require(long id) {
        return byId(id).onItem().ifNull().failWith(() -> ProblemException.notFound(LicenseCodes.ACCOUNT_NOT_FOUND, "No account " + id));
    }

    /** By username or e-mail (both stored lower-case). */
    public Uni<Account> byLogin(String login) {
        String v = login == null ? "" : login.trim().toLowerCase(java.util.Locale.ROOT);
        return pool.preparedQuery("SELECT " + Account.COLUMNS + " FROM license.accounts WHERE username = $1 OR email = $1 LIMIT 1")
                .execute(Tuple.of(v)).map(AccountService::firstOrNull);
    }

    /** Records the sign-in (time, IP, agent), lifting a suspension whose end has passed. */
    public Uni<Account> recordSignIn(Account a, String ip, String agent) {
        String ua = agent == null ? null : agent.length() > 1000 ? agent.substring(0, 1000) : agent;
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE license.accounts SET last_login_at = now(), last_ip_address = $2,"
                + " last_user_agent = $3, updated_at = now() WHERE id = $1 RETURNING " + Account.COLUMNS)
                .execute(Tuple.of(a.id(), truncate(ip, 45), ua))
                .map(AccountService::firstOrNull)
                .call(x -> outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_SIGNED_IN).account(a.id()).actor(a.id()).ip(ip)
                        .source(SOURCE).data(agent == null ? Map.of() : Map.of("user_agent", ua)).build())))
                .invoke(relay::kick);
    }

    public record Page<T>(List<T> items, long total, int page, int size) {}

    /** Admin search: free text over username, e-mail and seller name; role and suspension filters. */
    public Uni<Page<Account>> search(String q, String role, Boolean suspended, int page, int size) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (q != null && !q.isBlank()) {
            args.add("%" + q.trim().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" AND (username LIKE $").append(args.size()).append(" OR email LIKE $").append(args.size())
                    .append(" OR lower(coalesce(seller_name, '')) LIKE $").append(args.size()).append(")");
        }
        if (role != null && !role.isBlank()) {
            String r = role.trim().toUpperCase(java.util.Locale.ROOT);
            if (!List.of(Roles.ADMIN, Roles.SELLER, Roles.CUSTOMER).contains(r)) {
                throw ProblemException.invalidField("role", "must be ADMIN, SELLER or CUSTOMER");
            }
            args.add(r);
            where.append(" AND role = $").append(args.size());
        }
        if (suspended != null) {
            args.add(suspended);
            where.append(" AND is_suspended = $").append(args.size());
        }
        Tuple t = Tuple.from(args);
        String count = "SELECT count(*) AS n FROM license.accounts" + where;
        String list = "SELECT " + Account.COLUMNS + " FROM license.accounts" + where + " ORDER BY id DESC LIMIT " + size
                + " OFFSET " + ((long) page * size);
        return pool.preparedQuery(count).execute(t).map(rows -> rows.iterator().next().getLong("n"))
                .chain(total -> pool.preparedQuery(list).execute(t).map(rows -> {
                    List<Account> items = new ArrayList<>();
                    rows.forEach(r -> items.add(Account.from(r)));
                    return new Page<>(items, total, page, size);
                }));
    }

    /**
     * Suspends an account for every service at once: the row, then {@code account:{id}:suspended}
     * in Redis (with the remaining time as TTL) which every service's BlacklistAugmentor checks.
     */
    public Uni<Account> suspend(long actorId, long accountId, String reason, Instant until, String ip) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.invalidField("reason", "is required");
        }
        if (reason.length() > 255) {
            throw ProblemException.invalidField("reason", "at most 255 characters");
        }
        Instant now = Instant.now();
        if (until != null && !until.isAfter(now)) {
            throw ProblemException.invalidField("until", "must be in the future");
        }
        if (actorId == accountId) {
            throw ProblemException.conflict(LicenseCodes.CANNOT_SUSPEND_SELF, "An admin cannot suspend their own account");
        }
        Map<String, Object> data = new HashMap<>();
        data.put("reason", reason);
        if (until != null) {
            data.put("until", until.toString());
        }
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE license.accounts SET is_suspended = true, suspension_reason = $2,"
                + " suspended_until = $3, suspended_at = now(), suspended_by = $4, updated_at = now() WHERE id = $1 RETURNING "
                + Account.COLUMNS)
                .execute(Tuple.of(accountId, reason, until == null ? null : OffsetDateTime.ofInstant(until, ZoneOffset.UTC), actorId))
                .map(AccountService::firstOrNull)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(LicenseCodes.ACCOUNT_NOT_FOUND, "No account " + accountId))
                .call(a -> outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_SUSPENDED).level("warn").account(accountId)
                        .actor(actorId).ip(ip).source(SOURCE).data(data).build())))
                .call(a -> blacklist.suspendAccount(Long.toString(accountId), until == null ? null : Duration.between(Instant.now(), until)))
                .invoke(relay::kick);
    }

    public Uni<Account> reinstate(Long actorId, long accountId, String ip) {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE license.accounts SET is_suspended = false, suspension_reason = NULL,"
                + " suspended_until = NULL, suspended_at = NULL, suspended_by = NULL, updated_at = now() WHERE id = $1 RETURNING "
                + Account.COLUMNS)
                .execute(Tuple.of(accountId))
                .map(AccountService::firstOrNull)
                .onItem().ifNull().failWith(() -> ProblemException.notFound(LicenseCodes.ACCOUNT_NOT_FOUND, "No account " + accountId))
                .call(a -> outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_REINSTATED).account(accountId).actor(actorId)
                        .ip(ip).source(SOURCE).data(Map.of("automatic", actorId == null)).build())))
                .call(a -> blacklist.reinstateAccount(Long.toString(accountId)))
                .invoke(relay::kick);
    }

    /** Ends suspensions whose {@code suspended_until} passed, a bounded batch at a time. */
    public Uni<Integer> liftEndedSuspensions(int batch) {
        return pool.withTransaction(tx -> tx.preparedQuery("UPDATE license.accounts SET is_suspended = false, suspension_reason = NULL,"
                + " suspended_until = NULL, suspended_at = NULL, suspended_by = NULL, updated_at = now() WHERE id IN (SELECT id FROM"
                + " license.accounts WHERE is_suspended AND suspended_until <= now() ORDER BY suspended_until LIMIT $1"
                + " FOR UPDATE SKIP LOCKED) RETURNING id")
                .execute(Tuple.of(batch))
                .chain(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong("id")));
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Long id : ids) {
                        chain = chain.call(() -> outbox.append(tx, EventEnvelope.of(EventTypes.ACCOUNT_REINSTATED).account(id)
                                .source(SOURCE).data(Map.of("automatic", true)).build()));
                    }
                    return chain.replaceWith(ids);
                }))
                .call(ids -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Long id : ids) {
                        chain = chain.call(() -> blacklist.reinstateAccount(Long.toString(id)));
                    }
                    return chain;
                })
                .invoke(ids -> {
                    if (!ids.isEmpty()) {
                        relay.kick();
                    }
                })
                .map(List::size);
    }

    static Account firstOrNull(RowSet<Row> rows) {
        return rows.iterator().hasNext() ? Account.from(rows.iterator().next()) : null;
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static Throwable uniqueViolation(Throwable t) {
        PgException e = (PgException) t;
        if (!"23505".equals(e.getSqlState())) {
            return t;
        }
        String c = String.valueOf(e.getConstraint());
        if (c.contains("email")) {
            return ProblemException.conflict(LicenseCodes.EMAIL_TAKEN, "This e-mail address is already registered");
        }
        if (c.contains("seller_name")) {
            return ProblemException.conflict(LicenseCodes.SELLER_NAME_TAKEN, "This seller name is taken");
        }
        return ProblemException.conflict(LicenseCodes.USERNAME_TAKEN, "This username is taken");
    }

    /** For other packages that must check an account inside their own transaction. */
    public static Uni<Account> byIdIn(SqlClient client, long id) {
        return client.preparedQuery("SELECT " + Account.COLUMNS + " FROM license.accounts WHERE id = $1")
                .execute(Tuple.of(id)).map(AccountService::firstOrNull);
    }

    public static Uni<Account> byLoginIn(SqlClient client, String login) {
        String v = login == null ? "" : login.trim().toLowerCase(java.util.Locale.ROOT);
        return client.preparedQuery("SELECT " + Account.COLUMNS + " FROM license.accounts WHERE username = $1 OR email = $1 LIMIT 1")
                .execute(Tuple.of(v)).map(AccountService::firstOrNull);
    }

    static ProblemException unauthorized(String detail) {
        return new ProblemException(401, ProblemCodes.UNAUTHORIZED, detail);
    }
}
