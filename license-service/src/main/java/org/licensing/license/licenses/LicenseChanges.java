package org.licensing.license.licenses;

import org.licensing.common.licenses.LicenseStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Caller;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;
import org.licensing.license.accounts.AccountService;
import org.licensing.license.products.PolicyRules;
import org.licensing.license.products.ProductService;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * Every later change of a license by its seller or an admin. Each change runs in one transaction
 * that locks the row, checks, writes and appends its event to the outbox; after commit
 * {@link LicenseCache} refreshes Redis.
 */
@ApplicationScoped
public class LicenseChanges {

    private final Pool pool;
    private final Outbox outbox;
    private final LicenseCache cache;
    private final LicenseKeys keys;

    public LicenseChanges(Pool pool, Outbox outbox, LicenseCache cache, LicenseKeys keys) {
        this.pool = pool;
        this.outbox = outbox;
        this.cache = cache;
        this.keys = keys;
    }

    /** One locked change: load under lock, check, write, return the event to append. */
    @FunctionalInterface
    public interface Change {
        Uni<EventEnvelope.Builder> apply(SqlClient tx, License locked);
    }

    public Uni<LicenseView> change(Caller caller, long id, String ip, Change change) {
        return pool.withTransaction(tx -> lockManaged(tx, caller, id)
                .chain(l -> change.apply(tx, l))
                .chain(event -> outbox.append(tx, event.build()))
                .chain(() -> LicenseRows.byIdIn(tx, id, false)))
                .call(l -> cache.committed(l))
                .map(l -> LicenseView.of(l, true));
    }

    /** Loads the row under lock and checks that the caller manages it (404 otherwise: ids of others are not revealed). */
    public Uni<License> lockManaged(SqlClient tx, Caller caller, long id) {
        return LicenseRows.byIdIn(tx, id, true).map(l -> {
            if (l == null || !l.manageableBy(caller)) {
                throw ProblemException.notFound(LicenseCodes.LICENSE_NOT_FOUND, "No license " + id);
            }
            return l;
        });
    }

    public Uni<LicenseView> suspend(Caller caller, long id, String reason, String ip) {
        String r = reason(reason);
        return change(caller, id, ip, (tx, l) -> {
            LicenseStatusMachine.transition(l.status(), LicenseStatus.SUSPENDED);
            return tx.preparedQuery("UPDATE license.licenses SET status = 'SUSPENDED', suspended_at = now(), suspension_reason = $2,"
                    + " suspended_by_account_id = $3, suspended_by_role = $4, updated_at = now() WHERE id = $1")
                    .execute(Tuple.of(l.id(), r, caller.accountId(), caller.role()))
                    .replaceWith(LicenseRows.event(EventTypes.LICENSE_SUSPENDED, l, caller, ip,
                            LicenseRows.data("reason", r, "suspended_by_role", caller.role())).level("warn"));
        });
    }

    public Uni<LicenseView> reinstate(Caller caller, long id, String ip) {
        return change(caller, id, ip, (tx, l) -> {
            LicenseStatusMachine.transition(l.status(), LicenseStatus.ACTIVE);
            if (l.status() != LicenseStatus.SUSPENDED) {
                throw ProblemException.conflict(LicenseCodes.INVALID_STATUS_TRANSITION, "Only a suspended license is reinstated");
            }
            // The row is locked (lockManaged): who imposed the suspension cannot change meanwhile.
            return tx.preparedQuery("SELECT suspended_by_role FROM license.licenses WHERE id = $1").execute(Tuple.of(l.id()))
                    .invoke(rows -> SuspensionAuthority.requireMayLift(rows.iterator().next().getString("suspended_by_role"),
                            caller.role()))
                    .chain(() -> tx.preparedQuery("UPDATE license.licenses SET status = 'ACTIVE', suspended_at = NULL,"
                            + " suspension_reason = NULL, suspended_by_account_id = NULL, suspended_by_role = NULL,"
                            + " updated_at = now() WHERE id = $1").execute(Tuple.of(l.id())))
                    .replaceWith(LicenseRows.event(EventTypes.LICENSE_REINSTATED, l, caller, ip, Map.of()));
        });
    }

    public Uni<LicenseView> revoke(Caller caller, long id, String reason, String ip) {
        String r = reason(reason);
        return change(caller, id, ip, (tx, l) -> {
            LicenseStatusMachine.transition(l.status(), LicenseStatus.REVOKED);
            return tx.preparedQuery("UPDATE license.licenses SET status = 'REVOKED', revoked_at = now(), revocation_reason = $2,"
                    + " updated_at = now() WHERE id = $1").execute(Tuple.of(l.id(), r))
                    .replaceWith(LicenseRows.event(EventTypes.LICENSE_REVOKED, l, caller, ip,
                            LicenseRows.data("reason", r, "from_status", l.status().name())).level("warn"));
        });
    }

    /**
     * Extends by {@code days} (from the current expiry, or from now if it passed) or sets a new
     * {@code expiresAt}. An unused time-based license gets a longer term instead. An expired license
     * is renewed: extended from now and ACTIVE again (its devices and seats work again at once).
     * Upgraded and revoked licenses cannot be extended.
     */
    public Uni<LicenseView> extend(Caller caller, long id, Integer days, Instant until, String ip) {
        if ((days == null) == (until == null)) {
            throw ProblemException.invalidField("days", "give either days or expires_at");
        }
        if (days != null) {
            PolicyRules.durationDays(days, "days");
        }
        if (until != null && !until.isAfter(Instant.now())) {
            throw ProblemException.invalidField("expires_at", "must be in the future");
        }
        return change(caller, id, ip, (tx, l) -> extendLocked(tx, caller, l, days, until, ip));
    }

    /** For approval of an extension request: the row is already locked by the caller's transaction. */
    public Uni<EventEnvelope.Builder> extendLocked(SqlClient tx, Caller caller, License l, Integer days, Instant until, String ip) {
        if (l.status() != LicenseStatus.ACTIVE && l.status() != LicenseStatus.SUSPENDED && l.status() != LicenseStatus.UNUSED
                && l.status() != LicenseStatus.EXPIRED) {
            throw new ProblemException(409, LicenseCodes.INVALID_STATUS_TRANSITION,
                    "A license in status " + l.status() + " cannot be extended").withExtension("from", l.status().name());
        }
        boolean renewal = l.status() == LicenseStatus.EXPIRED;
        LicenseStatus status = renewal ? LicenseStatusMachine.transition(l.status(), LicenseStatus.ACTIVE) : l.status();
        Instant now = Instant.now();
        Instant newExpiry;
        Integer newDuration = l.durationDays();
        if (until != null) {
            newExpiry = until;
        } else if (l.status() == LicenseStatus.UNUSED && l.expiresAt() == null) {
            Integer base = Terms.effectiveDays(Terms.Term.valueOf(l.term()), l.durationDays());
            if (base == null) {
                throw ProblemException.conflict(LicenseCodes.NOTHING_TO_EXTEND, "This license never expires");
            }
            newDuration = base + days;
            newExpiry = null;
        } else {
            if (l.expiresAt() == null) {
                throw ProblemException.conflict(LicenseCodes.NOTHING_TO_EXTEND,
                        "This license never expires; set expires_at to give it an end");
            }
            newExpiry = Terms.extend(l.expiresAt(), days, now);
        }
        Map<String, Object> d = LicenseRows.data("days", days, "expires_at", newExpiry == null ? null : newExpiry.toString(),
                "previous_expires_at", l.expiresAt() == null ? null : l.expiresAt().toString(), "duration_days", newDuration,
                "renewed_from", renewal ? l.status().name() : null);
        return tx.preparedQuery("UPDATE license.licenses SET expires_at = $2, duration_days = $3, status = $4, updated_at = now()"
                + " WHERE id = $1")
                .execute(Tuple.of(l.id(), LicenseRows.utc(newExpiry), newDuration, status.name()))
                .replaceWith(LicenseRows.event(EventTypes.LICENSE_EXTENDED, l, caller, ip, d));
    }

    /** A new key for the license; the old one stops resolving at once (database and Redis index). */
    public Uni<LicenseIssuing.Issued> replaceKey(Caller caller, long id, String importedKey, String ip) {
        LicenseKeyFormat.ParsedKey imported = importedKey == null ? null : keys.parse(importedKey, "key");
        String[] oldHash = new String[1];
        String[] plain = new String[1];
        return pool.withTransaction(tx -> lockManaged(tx, caller, id).chain(l -> {
            if (l.status() == LicenseStatus.REVOKED) {
                throw ProblemException.conflict(LicenseCodes.LICENSE_REVOKED, "A revoked license gets no new key");
            }
            oldHash[0] = l.keyHash();
            return ProductService.byId(tx, l.productId()).chain(product -> AccountService.byIdIn(tx, l.sellerId()).chain(seller -> {
                LicenseKeyFormat.ParsedKey parsed = imported != null ? imported : keys.mint(product, seller, l.privilege());
                plain[0] = parsed.normalized();
                return tx.preparedQuery("UPDATE license.licenses SET key_hash = $2, key_encrypted = $3, key_scheme = $4, key_hint = $5,"
                        + " key_replaced_at = now(), updated_at = now() WHERE id = $1")
                        .execute(Tuple.of(l.id(), keys.hash(parsed), keys.encrypt(parsed.normalized()), parsed.scheme().name(),
                                KeyGenerator.hint(parsed.normalized())))
                        .onFailure(PgException.class).transform(t -> "23505".equals(((PgException) t).getSqlState())
                                ? ProblemException.conflict(LicenseCodes.KEY_ALREADY_EXISTS, "This key already exists") : t)
                        .chain(() -> outbox.append(tx, LicenseRows.event(EventTypes.LICENSE_KEY_REPLACED, l, caller, ip,
                                LicenseRows.data("old_key_hint", l.keyHint(), "new_key_hint", KeyGenerator.hint(parsed.normalized())))
                                .build()))
                        .chain(() -> LicenseRows.byIdIn(tx, l.id(), false));
            }));
        })).call(l -> cache.keyReplaced(l, oldHash[0])).map(l -> new LicenseIssuing.Issued(LicenseView.of(l, true), plain[0]));
    }

    /** Limits, restrictions, notes and auto-renew; only the fields present in the body change. */
    public Uni<LicenseView> update(Caller caller, long id, LicenseUpdate update, String ip) {
        List<String> changed = update.changed();
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        args.add(id);
        for (String field : changed) {
            args.add(update.column(field));
            sets.add(field + " = $" + args.size());
        }
        String sql = "UPDATE license.licenses SET " + String.join(", ", sets) + ", updated_at = now() WHERE id = $1";
        Tuple t = Tuple.from(args);
        return change(caller, id, ip, (tx, l) -> {
            if (l.status() == LicenseStatus.REVOKED) {
                throw ProblemException.conflict(LicenseCodes.LICENSE_REVOKED, "A revoked license cannot be changed");
            }
            return tx.preparedQuery(sql).execute(t)
                    .replaceWith(LicenseRows.event(LicenseEvents.LICENSE_UPDATED, l, caller, ip, LicenseRows.data("fields", changed)));
        });
    }

    private static String reason(String reason) {
        if (reason != null && reason.length() > 255) {
            throw ProblemException.invalidField("reason", "at most 255 characters");
        }
        return reason == null || reason.isBlank() ? null : reason.trim();
    }
}
