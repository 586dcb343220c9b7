package org.licensing.license.licenses;

import org.licensing.common.licenses.LicenseStatus;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.auth.Caller;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.keys.LicenseKeyFormat;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.problem.ProblemException;
import org.licensing.license.LicenseCodes;
import org.licensing.license.products.PolicyRules;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A customer binds a key to its account: UNUSED → ACTIVE under a row lock, so of two accounts
 * redeeming one key at the same time exactly one wins. An UPGRADE key also moves the account's
 * active BASE license of the same product to UPGRADED and records the upgrade.
 */
@ApplicationScoped
public class LicenseRedemption {

    private final Pool pool;
    private final Outbox outbox;
    private final LicenseCache cache;
    private final LicenseKeys keys;

    public LicenseRedemption(Pool pool, Outbox outbox, LicenseCache cache, LicenseKeys keys) {
        this.pool = pool;
        this.outbox = outbox;
        this.cache = cache;
        this.keys = keys;
    }

    public Uni<LicenseView> redeem(Caller caller, String rawKey, String ip) {
        LicenseKeyFormat.ParsedKey parsed = keys.parse(rawKey, "key");
        String hash = keys.hash(parsed);
        return pool.withTransaction(tx -> tx.preparedQuery(LicenseRows.SELECT_FOR_UPDATE_BY_HASH).execute(Tuple.of(hash))
                .map(LicenseRows::firstOrNull)
                .chain(l -> {
                    if (l == null) {
                        throw ProblemException.notFound(LicenseCodes.LICENSE_NOT_FOUND, "No license has this key");
                    }
                    if (l.status() != LicenseStatus.UNUSED) {
                        throw ProblemException.conflict(LicenseCodes.LICENSE_ALREADY_REDEEMED, l.ownerAccountId() != null
                                && l.ownerAccountId() == caller.accountId() ? "You already redeemed this key"
                                        : "This key was already redeemed");
                    }
                    if (l.ownerAccountId() != null && l.ownerAccountId() != caller.accountId()) {
                        throw ProblemException.conflict(LicenseCodes.LICENSE_RESERVED, "This key was issued to another account");
                    }
                    LicenseStatusMachine.transition(l.status(), LicenseStatus.ACTIVE);
                    Instant now = Instant.now();
                    Instant expires = Terms.expiryAtActivation(Terms.Term.valueOf(l.term()), l.durationDays(), l.expiresAt(), now);
                    if ("UPGRADE".equals(l.type())) {
                        return upgrade(tx, caller, l, expires, ip);
                    }
                    return activate(tx, caller, l, expires, ip).map(List::of);
                }))
                .call(changed -> cache.committed(changed))
                .map(changed -> LicenseView.of(changed.get(0), false));
    }

    private Uni<License> activate(SqlClient tx, Caller caller, License l, Instant expires, String ip) {
        return tx.preparedQuery("UPDATE license.licenses SET status = 'ACTIVE', owner_account_id = $2, activated_at = now(),"
                + " expires_at = $3, updated_at = now() WHERE id = $1")
                .execute(Tuple.of(l.id(), caller.accountId(), LicenseRows.utc(expires)))
                .chain(() -> LicenseRows.byIdIn(tx, l.id(), false))
                .call(a -> outbox.append(tx, EventEnvelope.of(EventTypes.LICENSE_ACTIVATED).license(l.id()).account(caller.accountId())
                        .actor(caller.accountId()).ip(ip).source(LicenseEvents.SOURCE)
                        .data(LicenseRows.data("product_id", l.productId(), "type", l.type(), "privilege", l.privilege(),
                                "expires_at", expires == null ? null : expires.toString())).build()));
    }

    /** Returns the new (activated) license first, then the upgraded base. */
    private Uni<List<License>> upgrade(SqlClient tx, Caller caller, License upgradeKey, Instant expires, String ip) {
        return tx.preparedQuery(License.SELECT + " WHERE l.owner_account_id = $1 AND l.product_id = $2 AND l.type = 'BASE'"
                + " AND l.status = 'ACTIVE' ORDER BY l.activated_at DESC, l.id DESC LIMIT 1 FOR UPDATE OF l")
                .execute(Tuple.of(caller.accountId(), upgradeKey.productId()))
                .map(LicenseRows::firstOrNull)
                .chain(base -> {
                    if (base == null) {
                        throw ProblemException.conflict(LicenseCodes.NO_BASE_LICENSE,
                                "An upgrade key needs an active base license of the same product on your account");
                    }
                    if (PolicyRules.privilegeRank(upgradeKey.privilege()) <= PolicyRules.privilegeRank(base.privilege())) {
                        throw ProblemException.conflict(LicenseCodes.UPGRADE_NOT_HIGHER, "The upgrade key's tier "
                                + upgradeKey.privilege() + " is not above the base license's " + base.privilege());
                    }
                    LicenseStatusMachine.transition(base.status(), LicenseStatus.UPGRADED);
                    return tx.preparedQuery("UPDATE license.licenses SET status = 'UPGRADED', updated_at = now() WHERE id = $1")
                            .execute(Tuple.of(base.id()))
                            .chain(() -> activate(tx, caller, upgradeKey, expires, ip))
                            .chain(activated -> tx.preparedQuery("INSERT INTO license.upgrades (account_id, license_from, license_to)"
                                    + " VALUES ($1, $2, $3)").execute(Tuple.of(caller.accountId(), base.id(), activated.id()))
                                    .chain(() -> outbox.append(tx, EventEnvelope.of(EventTypes.LICENSE_UPGRADED).license(base.id())
                                            .account(caller.accountId()).actor(caller.accountId()).ip(ip).source(LicenseEvents.SOURCE)
                                            .data(LicenseRows.data("from_license_id", base.id(), "to_license_id", activated.id(),
                                                    "from_privilege", base.privilege(), "to_privilege", activated.privilege()))
                                            .build()))
                                    .chain(() -> LicenseRows.byIdIn(tx, base.id(), false))
                                    .map(upgraded -> List.of(activated, upgraded)));
                });
    }
}
