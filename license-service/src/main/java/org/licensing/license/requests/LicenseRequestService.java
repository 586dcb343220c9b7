package org.licensing.license.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Roles;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.accounts.AccountService;
import org.licensing.common.auth.Caller;
import org.licensing.license.licenses.License;
import org.licensing.license.licenses.LicenseCache;
import org.licensing.license.licenses.LicenseEvents;
import org.licensing.license.LicenseCodes;
import org.licensing.license.licenses.LicenseChanges;
import org.licensing.license.licenses.LicenseRows;
import org.licensing.common.licenses.LicenseStatus;
import org.licensing.license.products.PolicyRules;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The customer portal's requests (requirement 004): a license owner asks for an extension or a
 * transfer to another customer account; the seller (or an admin) approves or refuses. Approval
 * applies the change to the license in the same transaction as the decision.
 */
@ApplicationScoped
public class LicenseRequestService {


    private final Pool pool;
    private final Outbox outbox;
    private final LicenseChanges licenses;
    private final LicenseCache cache;
    private final OutboxRelay relay;

    public LicenseRequestService(Pool pool, Outbox outbox, LicenseChanges licenses, LicenseCache cache, OutboxRelay relay) {
        this.pool = pool;
        this.outbox = outbox;
        this.licenses = licenses;
        this.cache = cache;
        this.relay = relay;
    }

    public record NewRequest(Long licenseId, String kind, Integer days, String to, String message) {}

    public Uni<LicenseRequest> create(Caller caller, NewRequest req, String ip) {
        if (req.licenseId() == null) {
            throw ProblemException.invalidField("license_id", "is required");
        }
        String kind = PolicyRules.oneOf(req.kind(), List.of("EXTENSION", "TRANSFER"), "kind", null);
        if (kind == null) {
            throw ProblemException.invalidField("kind", "must be EXTENSION or TRANSFER");
        }
        if (kind.equals("EXTENSION")) {
            if (req.days() == null) {
                throw ProblemException.invalidField("days", "is required for an extension");
            }
            PolicyRules.durationDays(req.days(), "days");
        } else if (req.to() == null || req.to().isBlank()) {
            throw ProblemException.invalidField("to", "the receiving account's username or e-mail is required");
        }
        if (req.message() != null && req.message().length() > 2000) {
            throw ProblemException.invalidField("message", "at most 2000 characters");
        }
        return pool.withTransaction(tx -> LicenseRows.byIdIn(tx, req.licenseId(), true).chain(l -> {
            if (l == null || l.ownerAccountId() == null || l.ownerAccountId() != caller.accountId()) {
                throw ProblemException.notFound(LicenseCodes.LICENSE_NOT_FOUND, "No license " + req.licenseId());
            }
            if (l.status() != LicenseStatus.ACTIVE && l.status() != LicenseStatus.SUSPENDED) {
                throw ProblemException.conflict(LicenseCodes.LICENSE_NOT_CHANGEABLE,
                        "A license in status " + l.status() + " cannot be extended or transferred");
            }
            Uni<Long> target = kind.equals("TRANSFER") ? transferTarget(tx, req.to(), caller.accountId()) : Uni.createFrom().nullItem();
            return target.chain(targetId -> tx.preparedQuery("INSERT INTO license.license_requests (license_id, seller_id, kind,"
                    + " requested_by, target_account_id, days, message) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "
                    + LicenseRequest.COLUMNS)
                    .execute(Tuple.from(java.util.Arrays.asList(l.id(), l.sellerId(), kind, caller.accountId(), targetId,
                            kind.equals("EXTENSION") ? req.days() : null, req.message())))
                    .onFailure(PgException.class).transform(t -> "23505".equals(((PgException) t).getSqlState())
                            ? ProblemException.conflict(LicenseCodes.REQUEST_ALREADY_PENDING, "A " + kind.toLowerCase(Locale.ROOT)
                                    + " request for this license is already waiting for the seller")
                            : t)
                    .map(rows -> LicenseRequest.from(rows.iterator().next()))
                    .call(r -> outbox.append(tx, LicenseRows.event(kind.equals("EXTENSION")
                            ? LicenseEvents.LICENSE_EXTENSION_REQUESTED : LicenseEvents.LICENSE_TRANSFER_REQUESTED, l, caller, ip,
                            LicenseRows.data("request_id", r.id(), "days", r.days(), "target_account_id", r.targetAccountId()))
                            .build())));
        })).invoke(relay::kick);
    }

    private Uni<Long> transferTarget(SqlClient tx, String to, long from) {
        return AccountService.byLoginIn(tx, to).map(a -> {
            if (a == null || !Roles.CUSTOMER.equals(a.role()) || a.isSuspendedAt(java.time.Instant.now())) {
                throw ProblemException.invalidField("to", "must name an active customer account");
            }
            if (a.id() == from) {
                throw new ProblemException(400, LicenseCodes.INVALID_TRANSFER_TARGET, "A license cannot be transferred to its owner");
            }
            return a.id();
        });
    }

    public Uni<List<LicenseRequest>> list(Caller caller, String status) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (caller.isSeller()) {
            args.add(caller.accountId());
            where.append(" AND seller_id = $1");
        } else if (caller.isCustomer()) {
            args.add(caller.accountId());
            where.append(" AND requested_by = $1");
        }
        if (status != null && !status.isBlank()) {
            args.add(PolicyRules.oneOf(status, List.of("PENDING", "APPROVED", "REFUSED"), "status", null));
            where.append(" AND status = $").append(args.size());
        }
        return pool.preparedQuery("SELECT " + LicenseRequest.COLUMNS + " FROM license.license_requests" + where
                + " ORDER BY id DESC LIMIT 500").execute(Tuple.from(args)).map(rows -> {
                    List<LicenseRequest> out = new ArrayList<>();
                    rows.forEach(r -> out.add(LicenseRequest.from(r)));
                    return out;
                });
    }

    /** Approve: an extension extends, a transfer moves the license to the target account; both in the decision's transaction. */
    public Uni<LicenseRequest> approve(Caller caller, long requestId, String note, String ip) {
        return decide(caller, requestId, true, note, ip);
    }

    public Uni<LicenseRequest> refuse(Caller caller, long requestId, String note, String ip) {
        return decide(caller, requestId, false, note, ip);
    }

    private Uni<LicenseRequest> decide(Caller caller, long requestId, boolean approve, String note, String ip) {
        if (note != null && note.length() > 2000) {
            throw ProblemException.invalidField("note", "at most 2000 characters");
        }
        License[] changed = new License[1];
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + LicenseRequest.COLUMNS
                + " FROM license.license_requests WHERE id = $1 FOR UPDATE").execute(Tuple.of(requestId))
                .map(rows -> rows.iterator().hasNext() ? LicenseRequest.from(rows.iterator().next()) : null)
                .chain(r -> {
                    if (r == null || !caller.isAdmin() && r.sellerId() != caller.accountId()) {
                        throw ProblemException.notFound(LicenseCodes.REQUEST_NOT_FOUND, "No request " + requestId);
                    }
                    if (!"PENDING".equals(r.status())) {
                        throw ProblemException.conflict(LicenseCodes.REQUEST_ALREADY_DECIDED, "This request was already " + r.status().toLowerCase(Locale.ROOT));
                    }
                    return licenses.lockManaged(tx, caller, r.licenseId()).chain(l -> {
                        Uni<Void> effect;
                        if (!approve) {
                            effect = outbox.append(tx, LicenseRows.event(LicenseEvents.LICENSE_REQUEST_REFUSED, l, caller, ip,
                                    LicenseRows.data("request_id", r.id(), "kind", r.kind())).build());
                        } else if (r.kind().equals("EXTENSION")) {
                            effect = licenses.extendLocked(tx, caller, l, r.days(), null, ip)
                                    .chain(ev -> outbox.append(tx, ev.build()));
                        } else {
                            effect = transfer(tx, caller, l, r, ip);
                        }
                        return effect.chain(() -> LicenseRows.byIdIn(tx, l.id(), false)).invoke(x -> changed[0] = x);
                    }).chain(() -> tx.preparedQuery("UPDATE license.license_requests SET status = $2, decided_by = $3,"
                            + " decision_note = $4, decided_at = now() WHERE id = $1 RETURNING " + LicenseRequest.COLUMNS)
                            .execute(Tuple.of(r.id(), approve ? "APPROVED" : "REFUSED", caller.accountId(), note))
                            .map(rows -> LicenseRequest.from(rows.iterator().next())));
                }))
                .call(r -> cache.committed(changed[0]));
    }

    private Uni<Void> transfer(SqlClient tx, Caller caller, License l, LicenseRequest r, String ip) {
        if (l.status() != LicenseStatus.ACTIVE && l.status() != LicenseStatus.SUSPENDED) {
            throw ProblemException.conflict(LicenseCodes.LICENSE_NOT_CHANGEABLE, "A license in status " + l.status() + " cannot be transferred");
        }
        if (l.ownerAccountId() == null || l.ownerAccountId() != r.requestedBy()) {
            throw ProblemException.conflict(LicenseCodes.OWNER_CHANGED, "The license no longer belongs to the requesting account");
        }
        return AccountService.byIdIn(tx, r.targetAccountId()).chain(target -> {
            if (target == null || !Roles.CUSTOMER.equals(target.role()) || target.isSuspendedAt(java.time.Instant.now())) {
                throw new ProblemException(409, LicenseCodes.INVALID_TRANSFER_TARGET, "The receiving account can no longer take the license");
            }
            return tx.preparedQuery("UPDATE license.licenses SET owner_account_id = $2, updated_at = now() WHERE id = $1")
                    .execute(Tuple.of(l.id(), target.id()))
                    .chain(() -> outbox.append(tx, EventEnvelope.of(LicenseEvents.LICENSE_TRANSFERRED).license(l.id())
                            .account(target.id()).actor(caller.accountId()).ip(ip).source(LicenseEvents.SOURCE)
                            .data(LicenseRows.data("request_id", r.id(), "from_account_id", l.ownerAccountId(),
                                    "to_account_id", target.id()))
                            .build()));
        });
    }
}
