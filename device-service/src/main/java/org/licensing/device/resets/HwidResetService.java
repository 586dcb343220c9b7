package org.licensing.device.resets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.auth.Caller;
import org.licensing.device.access.LicenseAccess;
import org.licensing.device.activation.LicenseLocator;
import org.licensing.device.cache.DeviceCache;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;

import static org.licensing.device.Sql.args;

/**
 * HWID reset (requirement 003): unbinds the license's bound devices (or the listed ones) and forgets
 * their HWIDs, so the customer can activate on new hardware. A customer's reset is charged to their
 * allowance; sellers (for their licenses) and admins reset without limit. A reset that unbinds
 * nothing is not charged.
 */
@ApplicationScoped
public class HwidResetService {

    static final String UNBIND = "UPDATE device.devices SET bound = false, unbound_at = now(), hwid_hash = NULL, updated_at = now()"
            + " WHERE license_id = $1 AND bound AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))"
            + " RETURNING id, device_id, account_id";

    private record Unbound(long rowId, String clientDeviceId, Long accountId) {}

    private final Pool pool;
    private final LicenseLocator locator;
    private final HwidResetAllowance allowance;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DeviceCache cache;

    public HwidResetService(Pool pool, LicenseLocator locator, HwidResetAllowance allowance, Outbox outbox, OutboxRelay relay,
            DeviceCache cache) {
        this.pool = pool;
        this.locator = locator;
        this.allowance = allowance;
        this.outbox = outbox;
        this.relay = relay;
        this.cache = cache;
    }

    public Uni<ResetResult> reset(ResetRequest req, Caller caller, String ip) {
        boolean limited = LicenseAccess.resetIsLimited(caller);
        Long[] ids = req.deviceIds() == null || req.deviceIds().isEmpty() ? null : req.deviceIds().toArray(Long[]::new);
        return locator.managedBy(req.licenseId(), caller).chain(license -> pool.withTransaction(tx -> tx.preparedQuery(UNBIND)
                .execute(args(license.id(), ids)).chain(rows -> {
                    List<Unbound> unbound = new ArrayList<>();
                    for (Row r : rows) {
                        unbound.add(new Unbound(r.getLong("id"), r.getString("device_id"), r.getLong("account_id")));
                    }
                    List<Long> rowIds = unbound.stream().map(Unbound::rowId).toList();
                    if (unbound.isEmpty()) {
                        return Uni.createFrom().item(new Done(unbound,
                                new ResetResult(license.id(), 0, rowIds, limited, null, null, null, null, null)));
                    }
                    Uni<ResetResult> counted = limited
                            ? allowance.charge(tx, caller.accountId()).map(a -> new ResetResult(license.id(), unbound.size(), rowIds,
                                    true, a.after().count(), allowance.maxPerPeriod(), a.remaining(), a.periodEndsAt(), null))
                            : Uni.createFrom().item(new ResetResult(license.id(), unbound.size(), rowIds, false, null, null, null,
                                    null, null));
                    return counted.call(result -> events(tx, unbound, license, caller, ip, result))
                            .map(result -> new Done(unbound, result));
                }))
                .call(done -> Multi.createFrom().iterable(done.unbound())
                        .onItem().transformToUniAndConcatenate(u -> cache.unbound(u.rowId(), license.id(), u.clientDeviceId()))
                        .collect().last())
                .invoke(done -> {
                    if (!done.unbound().isEmpty()) {
                        relay.kick();
                    }
                })
                .map(Done::result));
    }

    private record Done(List<Unbound> unbound, ResetResult result) {}

    private Uni<Void> events(SqlConnection tx, List<Unbound> unbound, LicenseSnapshot license, Caller caller, String ip,
            ResetResult result) {
        return Multi.createFrom().iterable(unbound).onItem().transformToUniAndConcatenate(u -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("client_device_id", u.clientDeviceId());
            data.put("by", String.valueOf(caller.role()));
            data.put("devices_in_reset", unbound.size());
            if (result.resetsUsed() != null) {
                data.put("resets_used", result.resetsUsed());
                data.put("resets_per_period", result.resetsPerPeriod());
            }
            EventEnvelope e = EventEnvelope.of(EventTypes.DEVICE_RESET).device(String.valueOf(u.rowId())).license(license.id())
                    .account(u.accountId() != null ? u.accountId() : license.ownerAccountId()).actor(caller.accountId())
                    .ip(ip).source("api").data(data).build();
            return outbox.append(tx, e);
        }).collect().last().replaceWithVoid();
    }
}
