package org.licensing.device.activation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.db.PipelinedTransaction;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.device.DeviceConfig;
import org.licensing.device.anomalies.AnomalyDetector;
import org.licensing.device.anomalies.Location;
import org.licensing.device.cache.DeviceCache;
import org.licensing.device.devices.DeviceView;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;

import static org.licensing.device.Sql.args;

/**
 * Binds a device to a license in one transaction (DESIGN section 4, activation):
 * <ol>
 * <li>lock the license's slot row (an upsert, so the first activation creates it);</li>
 * <li>read the license as committed, the device row, the count of bound devices and the license's recent
 * locations, in one statement (its snapshot is taken after the lock is granted: a read combined with the
 * lock in one statement would count with a snapshot from before the wait, and over-bind);</li>
 * <li>decide ({@link LicenseEligibility}, {@link BindingDecision}, {@link AnomalyDetector});</li>
 * <li>upsert the device and its location (one statement), append events to the outbox (sent with COMMIT,
 * {@link PipelinedTransaction}).</li>
 * </ol>
 * Every change of a device to bound passes through step 1, so the limit holds under any concurrency.
 * After commit: Redis cache entries, outbox relay kick.
 */
@ApplicationScoped
public class ActivationService {

    static final String LOCK_SLOT = "INSERT INTO device.license_slots (license_id) VALUES ($1)"
            + " ON CONFLICT (license_id) DO UPDATE SET last_bind_at = now()";

    /**
     * Everything the decision reads, in one statement after the lock (so one snapshot taken once the lock is
     * held, which is what keeps the count exact): the license as committed, the bound count, the device row
     * and the license's recent locations (limit 0 when the caller's location is unknown).
     */
    static final String STATE = "SELECT l.*, (SELECT count(*) FROM device.devices WHERE license_id = $1 AND bound) AS bound_count,"
            + " d.id AS device_row_id, d.bound AS device_bound, d.blocked AS device_blocked,"
            + " d.blocked_reason AS device_blocked_reason, d.hwid_hash AS device_hwid_hash,"
            + " h.rows AS history_rows, h.networks AS history_networks, h.countries AS history_countries"
            + " FROM (SELECT 1) one"
            + " LEFT JOIN (" + LicenseSnapshots.SELECT + " WHERE id = $1) l ON true"
            + " LEFT JOIN device.devices d ON d.license_id = $1 AND d.device_id = $2"
            + " LEFT JOIN LATERAL (SELECT array_agg(x.device_row_id ORDER BY x.last_seen_at DESC) AS rows,"
            + " array_agg(x.network ORDER BY x.last_seen_at DESC) AS networks,"
            + " array_agg(x.country_code ORDER BY x.last_seen_at DESC) AS countries"
            + " FROM (SELECT device_row_id, network, country_code, last_seen_at FROM device.device_locations"
            + " WHERE license_id = $1 ORDER BY last_seen_at DESC LIMIT $3) x) h ON true";

    static final String UPSERT = "INSERT INTO device.devices (license_id, account_id, device_id, hwid_hash, name, user_name,"
            + " fingerprint, ip_address, country_code, user_agent, bound_at, bound)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8, $9, $10, now(), true)"
            + " ON CONFLICT (license_id, device_id) DO UPDATE SET"
            + " account_id = COALESCE(EXCLUDED.account_id, devices.account_id),"
            + " hwid_hash = CASE WHEN devices.bound THEN COALESCE(devices.hwid_hash, EXCLUDED.hwid_hash)"
            + " ELSE EXCLUDED.hwid_hash END,"
            + " name = COALESCE(EXCLUDED.name, devices.name),"
            + " user_name = COALESCE(EXCLUDED.user_name, devices.user_name),"
            + " fingerprint = COALESCE(EXCLUDED.fingerprint, devices.fingerprint),"
            + " ip_address = EXCLUDED.ip_address,"
            + " country_code = COALESCE(EXCLUDED.country_code, devices.country_code),"
            + " user_agent = COALESCE(EXCLUDED.user_agent, devices.user_agent),"
            + " last_seen_at = now(),"
            + " bound_at = CASE WHEN devices.bound THEN devices.bound_at ELSE now() END,"
            + " unbound_at = CASE WHEN devices.bound THEN devices.unbound_at ELSE NULL END,"
            + " bound = true, updated_at = now()"
            + " RETURNING " + DeviceView.COLUMNS;

    /** The binding and, in the same statement, where it was seen from (when known). */
    static final String UPSERT_SEEN = "WITH bound AS (" + UPSERT + "), seen AS ("
            + "INSERT INTO device.device_locations (device_row_id, license_id, network, country_code, ip_address)"
            + " SELECT id, license_id, $11, $12, $8 FROM bound ON CONFLICT (device_row_id, network, country_code) DO UPDATE SET"
            + " last_seen_at = now(), seen_count = device_locations.seen_count + 1, ip_address = EXCLUDED.ip_address)"
            + " SELECT * FROM bound";

    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final DeviceCache cache;
    private final int historySize;

    public ActivationService(Pool pool, Outbox outbox, OutboxRelay relay, DeviceCache cache,
            DeviceConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.cache = cache;
        this.historySize = config.locationHistorySize();
    }

    public Uni<ActivationResult> activate(ActivationCommand cmd) {
        return PipelinedTransaction.run(pool, tx -> inTransaction(tx, cmd))
                .call(r -> cache.bound(r.device().id(), r.license().id(), r.device().deviceId(), r.license()))
                .invoke(r -> relay.kick());
    }

    /**
     * Three round trips: BEGIN with the lock and the read; the binding with its location; the outbox
     * row(s) with COMMIT. The read still runs after the lock is granted (PostgreSQL runs a connection's
     * pipelined statements in order), so its snapshot sees every binding committed before it.
     */
    @SuppressWarnings("unchecked")
    private Uni<ActivationResult> inTransaction(PipelinedTransaction tx, ActivationCommand cmd) {
        Instant now = Instant.now();
        int history = cmd.location().isKnown() ? historySize : 0;
        SqlConnection conn = tx.connection();
        return tx.begin(conn.preparedQuery(LOCK_SLOT).execute(args(cmd.licenseId())),
                        conn.preparedQuery(STATE).execute(args(cmd.licenseId(), cmd.deviceId(), history)))
                .chain(results -> {
                    Row s = ((RowSet<Row>) results.get(1)).iterator().next();
                    LicenseSnapshot license = s.getLong("id") == null ? null : LicenseSnapshots.fromRow(s);
                    LicenseEligibility.check(license, now, cmd.productId(), cmd.productCode());
                    int boundCount = s.getLong("bound_count").intValue();
                    BindingDecision.ExistingDevice existing = s.getLong("device_row_id") == null ? null
                            : new BindingDecision.ExistingDevice(s.getLong("device_row_id"), s.getBoolean("device_bound"),
                                    s.getBoolean("device_blocked"), s.getString("device_blocked_reason"),
                                    s.getString("device_hwid_hash"));
                    BindingDecision.Outcome outcome = BindingDecision.decide(existing, cmd.hwidHash(), boundCount,
                            license.maxDevices());
                    int boundAfter = outcome == BindingDecision.Outcome.REFRESH ? boundCount : boundCount + 1;
                    Optional<AnomalyDetector.Anomaly> anomaly = anomaly(cmd, existing, s);
                    return bind(conn, cmd, license)
                            .call(device -> tx.commit(events(conn, cmd, license, device, outcome, anomaly)))
                            .map(device -> new ActivationResult(device, license, outcome, boundAfter, anomaly.isPresent()));
                });
    }

    private static Optional<AnomalyDetector.Anomaly> anomaly(ActivationCommand cmd, BindingDecision.ExistingDevice existing,
            Row state) {
        if (!cmd.location().isKnown()) {
            return Optional.empty();
        }
        Long[] rows = state.getArrayOfLongs("history_rows");
        String[] networks = state.getArrayOfStrings("history_networks");
        String[] countries = state.getArrayOfStrings("history_countries");
        List<Location> own = new ArrayList<>();
        List<Location> others = new ArrayList<>();
        for (int i = 0; rows != null && i < rows.length; i++) {
            Location l = new Location(countries[i].trim(), networks[i], null);
            if (existing != null && rows[i] == existing.rowId()) {
                own.add(l);
            } else {
                others.add(l);
            }
        }
        return AnomalyDetector.judge(cmd.location(), own, others);
    }

    private Uni<DeviceView> bind(SqlConnection tx, ActivationCommand cmd, LicenseSnapshot license) {
        Location loc = cmd.location();
        String country = loc.hasCountry() ? loc.country() : null;
        String sql = loc.isKnown() ? UPSERT_SEEN : UPSERT;
        var args = args(cmd.licenseId(), license.ownerAccountId(), cmd.deviceId(), cmd.hwidHash(), cmd.name(), cmd.userName(),
                cmd.fingerprintJson(), loc.ip(), country, cmd.userAgent());
        if (loc.isKnown()) {
            args.addValue(loc.network()).addValue(loc.country());
        }
        return tx.preparedQuery(sql).execute(args).map(rows -> DeviceView.from(rows.iterator().next()));
    }

    /** The outbox appends of this activation (none for a refresh), not yet sent: they travel with COMMIT. */
    private List<Uni<?>> events(SqlConnection tx, ActivationCommand cmd, LicenseSnapshot license, DeviceView device,
            BindingDecision.Outcome outcome, Optional<AnomalyDetector.Anomaly> anomaly) {
        List<Uni<?>> appends = new ArrayList<>(2);
        if (outcome != BindingDecision.Outcome.REFRESH) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("client_device_id", device.deviceId());
            data.put("rebound", outcome == BindingDecision.Outcome.REBIND);
            data.put("hwid_bound", device.hwidBound());
            data.put("max_devices", license.maxDevices());
            if (device.name() != null) {
                data.put("name", device.name());
            }
            if (device.userName() != null) {
                data.put("user_name", device.userName());
            }
            if (device.countryCode() != null) {
                data.put("country", device.countryCode());
            }
            appends.add(outbox.append(tx, envelope(EventTypes.DEVICE_BOUND, cmd, license, device).data(data).build()));
        }
        if (anomaly.isPresent()) {
            AnomalyDetector.Anomaly a = anomaly.get();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("client_device_id", device.deviceId());
            data.put("basis", a.basis());
            data.put("previous", a.previous().describe());
            data.put("current", a.current().describe());
            appends.add(outbox.append(tx, envelope(EventTypes.LOGIN_ANOMALY, cmd, license, device).level("warn").data(data).build()));
        }
        return appends;
    }

    private static EventEnvelope.Builder envelope(String type, ActivationCommand cmd, LicenseSnapshot license, DeviceView device) {
        return EventEnvelope.of(type).device(String.valueOf(device.id())).license(license.id())
                .account(license.ownerAccountId()).actor(cmd.actorId()).ip(cmd.location().ip()).source(cmd.source());
    }
}
