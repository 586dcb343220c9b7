package org.licensing.device.devices;

import org.jboss.logging.Logger;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemException;
import org.licensing.common.redis.RedisKeys;
import org.licensing.common.redis.SlotReads;
import org.licensing.device.DeviceCodes;
import org.licensing.device.DeviceConfig;
import org.licensing.device.resets.HwidResetAllowance;
import org.licensing.common.auth.Caller;
import org.licensing.device.access.LicenseAccess;
import org.licensing.device.cache.DeviceCache;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;

import static org.licensing.device.Sql.args;

/** Listing, unbinding, blocking and unblocking devices; each change commits with its event, then updates Redis. */
@ApplicationScoped
public class DeviceService {

    private static final Logger LOG = Logger.getLogger(DeviceService.class);

    static final String BY_ID = "SELECT " + DeviceView.COLUMNS + " FROM device.devices WHERE id = $1";
    static final String BY_LICENSE = "SELECT " + DeviceView.COLUMNS + " FROM device.devices WHERE license_id = $1"
            + " ORDER BY id LIMIT $2 OFFSET $3";
    static final String COUNT_BOUND = "SELECT count(*) FILTER (WHERE bound) AS bound, count(*) AS total FROM device.devices WHERE license_id = $1";
    static final String UNBIND = "UPDATE device.devices SET bound = false, unbound_at = now(), updated_at = now()"
            + " WHERE id = $1 AND bound RETURNING " + DeviceView.COLUMNS;
    static final String BLOCK = "UPDATE device.devices SET blocked = true, blocked_reason = $2, blocked_at = now(), updated_at = now()"
            + " WHERE id = $1 AND NOT blocked RETURNING " + DeviceView.COLUMNS;
    static final String UNBLOCK = "UPDATE device.devices SET blocked = false, blocked_reason = NULL, blocked_at = NULL,"
            + " updated_at = now() WHERE id = $1 AND blocked RETURNING " + DeviceView.COLUMNS;

    /** A device together with its license, after the access check. */
    public record Managed(DeviceView device, LicenseSnapshot license) {}

    public record Page(long licenseId, int maxDevices, long boundDevices, long totalDevices, List<DeviceView> devices) {}

    private final Pool pool;
    private final LicenseSnapshots licenses;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DeviceCache cache;
    private final ReactiveRedisDataSource redis;
    private final SlotReads reads;

    private final HwidResetAllowance allowance;
    private final UsageSeconds usageSeconds;
    private final boolean chargeCustomerDeactivations;

    public DeviceService(Pool pool, LicenseSnapshots licenses, Outbox outbox, OutboxRelay relay, DeviceCache cache,
            ReactiveRedisDataSource redis, HwidResetAllowance allowance, UsageSeconds usageSeconds, DeviceConfig config,
            SlotReads reads) {
        this.reads = reads;
        this.allowance = allowance;
        this.usageSeconds = usageSeconds;
        this.chargeCustomerDeactivations = config.hwidReset().chargeCustomerDeactivations();
        this.pool = pool;
        this.licenses = licenses;
        this.outbox = outbox;
        this.relay = relay;
        this.cache = cache;
        this.redis = redis;
    }

    /** The device if the caller may see it; 404 for devices of licenses the caller does not manage. */
    public Uni<Managed> find(long rowId, Caller caller) {
        return pool.preparedQuery(BY_ID).execute(args(rowId)).chain(rows -> {
            if (!rows.iterator().hasNext()) {
                return Uni.createFrom().failure(notFound());
            }
            DeviceView d = DeviceView.from(rows.iterator().next());
            return licenses.byId(d.licenseId()).map(l -> {
                if (l == null || !LicenseAccess.canManage(caller, l)) {
                    throw notFound();
                }
                return new Managed(d, l);
            });
        });
    }

    public Uni<DeviceView> withOnline(DeviceView d) {
        return redis.key().exists(RedisKeys.deviceOnline(d.licenseId(), d.id())).map(d::withOnline);
    }

    public Uni<Page> list(LicenseSnapshot license, int limit, int offset) {
        return pool.preparedQuery(COUNT_BOUND).execute(args(license.id())).chain(counts -> {
            Row c = counts.iterator().next();
            return pool.preparedQuery(BY_LICENSE).execute(args(license.id(), limit, offset)).chain(rows -> {
                List<DeviceView> devices = new ArrayList<>();
                rows.forEach(r -> devices.add(DeviceView.from(r)));
                return online(devices).chain(this::usage).map(list -> new Page(license.id(), license.maxDevices(),
                        c.getLong("bound"), c.getLong("total"), list));
            });
        });
    }

    /**
     * Usage seconds of a page of devices from stats-service's per-device totals ({@link UsageSeconds}). A device
     * with no heartbeat yet has none; if the stats schema is not there (stats-service not deployed
     * yet) the list is shown without usage rather than failing.
     */
    private Uni<List<DeviceView>> usage(List<DeviceView> devices) {
        if (devices.isEmpty()) {
            return Uni.createFrom().item(devices);
        }
        return usageSeconds.ofDevices(devices.stream().map(DeviceView::id).toList()).map(seconds -> {
            List<DeviceView> out = new ArrayList<>(devices.size());
            for (DeviceView d : devices) {
                out.add(d.withUsageSeconds(seconds.getOrDefault(d.id(), 0L)));
            }
            return out;
        }).onFailure().recoverWithItem(f -> {
            LOG.debugf("Device usage not available: %s", f.getMessage());
            return devices;
        });
    }

    /** session-service's online flags for a page of devices, in one MGET (one per session partition on a cluster). */
    private Uni<List<DeviceView>> online(List<DeviceView> devices) {
        if (devices.isEmpty()) {
            return Uni.createFrom().item(devices);
        }
        List<String> keys = devices.stream().map(d -> RedisKeys.deviceOnline(d.licenseId(), d.id())).toList();
        return reads.get(keys).map(values -> {
            List<DeviceView> out = new ArrayList<>(devices.size());
            for (DeviceView d : devices) {
                out.add(d.withOnline(values.get(RedisKeys.deviceOnline(d.licenseId(), d.id())) != null));
            }
            return out;
        });
    }

    /**
     * Unbinds (frees the slot). Idempotent: an unbound device answers as it is, without a second event.
     * A customer's deactivation is charged to their HWID reset allowance (unless configured otherwise):
     * otherwise deactivating devices one by one would sidestep the reset limit.
     */
    public Uni<DeviceView> deactivate(long rowId, Caller caller, String ip) {
        boolean charged = chargeCustomerDeactivations && LicenseAccess.resetIsLimited(caller);
        return find(rowId, caller).chain(m -> pool.withTransaction(tx -> tx.preparedQuery(UNBIND).execute(args(rowId))
                .chain(rows -> changed(rows, m.device(), tx, EventTypes.DEVICE_UNBOUND, m.license(), caller, ip,
                        Map.of("client_device_id", m.device().deviceId(), "by", String.valueOf(caller.role()))))
                .call(c -> c.changed() && charged ? allowance.charge(tx, caller.accountId()) : Uni.createFrom().voidItem()))
                .call(r -> r.changed() ? cache.unbound(rowId, m.license().id(), m.device().deviceId()) : Uni.createFrom().voidItem())
                .invoke(this::kickIfChanged)
                .map(Change::device));
    }

    public Uni<DeviceView> block(long rowId, Caller caller, String reason, String ip) {
        return findBlockable(rowId, caller).chain(m -> pool.withTransaction(tx -> tx.preparedQuery(BLOCK).execute(args(rowId, reason))
                .chain(rows -> changed(rows, m.device(), tx, EventTypes.DEVICE_BLOCKED, m.license(), caller, ip,
                        reasonData(m.device(), reason))))
                // pushed even when it was already blocked: repairs a flag lost in Redis
                .call(r -> cache.blocked(rowId, r.device().blockedReason()))
                .invoke(this::kickIfChanged)
                .map(Change::device));
    }

    public Uni<DeviceView> unblock(long rowId, Caller caller, String ip) {
        return findBlockable(rowId, caller).chain(m -> pool.withTransaction(tx -> tx.preparedQuery(UNBLOCK).execute(args(rowId))
                .chain(rows -> changed(rows, m.device(), tx, EventTypes.DEVICE_UNBLOCKED, m.license(), caller, ip,
                        Map.of("client_device_id", m.device().deviceId()))))
                .call(r -> cache.unblocked(rowId))
                .invoke(this::kickIfChanged)
                .map(Change::device));
    }

    private Uni<Managed> findBlockable(long rowId, Caller caller) {
        return find(rowId, caller).invoke(m -> {
            if (!LicenseAccess.canBlock(caller, m.license())) {
                throw ProblemException.forbidden("Only the license's seller or an admin may block or unblock devices");
            }
        });
    }

    private record Change(DeviceView device, boolean changed) {}

    private Uni<Change> changed(RowSet<Row> rows, DeviceView before, io.vertx.mutiny.sqlclient.SqlConnection tx, String type,
            LicenseSnapshot license, Caller caller, String ip, Map<String, Object> data) {
        if (!rows.iterator().hasNext()) {
            return Uni.createFrom().item(new Change(before, false));
        }
        DeviceView after = DeviceView.from(rows.iterator().next());
        EventEnvelope e = EventEnvelope.of(type).device(String.valueOf(after.id())).license(license.id())
                .account(after.accountId() != null ? after.accountId() : license.ownerAccountId())
                .actor(caller.accountId()).ip(ip).source("api").data(data).build();
        return outbox.append(tx, e).replaceWith(new Change(after, true));
    }

    private void kickIfChanged(Change c) {
        if (c.changed()) {
            relay.kick();
        }
    }

    private static Map<String, Object> reasonData(DeviceView d, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_device_id", d.deviceId());
        if (reason != null) {
            m.put("reason", reason);
        }
        return m;
    }

    static ProblemException notFound() {
        return ProblemException.notFound(DeviceCodes.DEVICE_NOT_FOUND, "No such device");
    }
}
