package org.licensing.session.connections;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.licenses.LicenseSnapshot;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;
import org.licensing.common.problem.ProblemException;
import org.licensing.session.access.AccessGuard;
import org.licensing.common.auth.Caller;
import org.licensing.session.access.DeviceRecord;
import org.licensing.session.sessions.SessionProblems;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Remote connections between two devices: both must belong to licenses the caller may use (and
 * that are usable now), bytes are added while the connection runs, the end stores the duration.
 */
@ApplicationScoped
public class ConnectionService {


    private static final String INSERT = "INSERT INTO session.remote_connections (session_id, local_device_id, remote_device_id,"
            + " local_license_id, remote_license_id, connection_type, started_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING "
            + Connection.COLUMNS;
    private static final String FIND = "SELECT " + Connection.COLUMNS + " FROM session.remote_connections WHERE session_id = $1";
    private static final String ADD_BYTES = "UPDATE session.remote_connections SET bytes_transferred = bytes_transferred + $2,"
            + " updated_at = now() WHERE session_id = $1 AND ended_at IS NULL RETURNING " + Connection.COLUMNS;
    private static final String END = "UPDATE session.remote_connections SET ended_at = now(), bytes_transferred = bytes_transferred + $2,"
            + " duration_seconds = GREATEST(0, floor(extract(epoch FROM now() - started_at)))::int, updated_at = now()"
            + " WHERE session_id = $1 AND ended_at IS NULL RETURNING " + Connection.COLUMNS;
    private static final String LIST = "SELECT " + Connection.COLUMNS + " FROM session.remote_connections"
            + " WHERE local_device_id = $1 OR remote_device_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2 OFFSET $3";

    private final Pool pool;
    private final AccessGuard guard;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public ConnectionService(Pool pool, AccessGuard guard, Outbox outbox, OutboxRelay relay) {
        this.pool = pool;
        this.guard = guard;
        this.outbox = outbox;
        this.relay = relay;
    }

    public Uni<Connection> start(Caller caller, StartConnectionRequest req, String ip) {
        Long local = req.localDeviceId() != null ? req.localDeviceId() : caller.deviceId();
        if (local == null) {
            throw ProblemException.invalidField("local_device_id", "must not be null");
        }
        if (caller.isClient() && caller.deviceId() != null && !caller.deviceId().equals(local)) {
            throw ProblemException.invalidField("local_device_id", "a client session connects from its own device");
        }
        if (local.equals(req.remoteDeviceId())) {
            throw ProblemException.invalidField("remote_device_id", "must differ from local_device_id");
        }
        return usable(caller, local).chain(l -> usable(caller, req.remoteDeviceId()).chain(r -> {
            UUID id = UUID.randomUUID();
            Tuple t = Tuple.tuple().addValue(id).addValue(l.device().id()).addValue(r.device().id())
                    .addValue(l.license().id()).addValue(r.license().id()).addValue(req.connectionType())
                    .addValue(caller.accountId() == 0 ? null : caller.accountId());
            return pool.withTransaction(tx -> tx.preparedQuery(INSERT).execute(t).map(rows -> Connection.from(rows.iterator().next()))
                    .call(c -> event(tx, EventTypes.CONNECTION_STARTED, c, caller, ip)));
        })).invoke(relay::kick);
    }

    /** Both ends must be bound, not blocked, on a usable license the caller may use. */
    private Uni<AccessGuard.DeviceAccess> usable(Caller caller, long deviceId) {
        return guard.device(caller, deviceId).map(a -> {
            DeviceRecord d = a.device();
            if (!d.bound()) {
                throw new ProblemException(409, SessionProblems.DEVICE_NOT_ACTIVATED, "Device " + deviceId + " is not activated");
            }
            if (d.blocked()) {
                throw new ProblemException(403, SessionProblems.DEVICE_BLOCKED, "Device " + deviceId + " is blocked");
            }
            LicenseSnapshot license = a.license();
            if (!caller.isAdmin() && !license.isUsableAt(Instant.now())) {
                throw new ProblemException(403, SessionProblems.LICENSE_NOT_ACTIVE,
                        "The license of device " + deviceId + " is not usable (" + license.status() + ")");
            }
            return a;
        });
    }

    public Uni<Connection> get(Caller caller, UUID id) {
        return find(id).call(c -> guard.device(caller, c.localDeviceId()));
    }

    public Uni<Connection> addTraffic(Caller caller, UUID id, long bytes) {
        return find(id).call(c -> guard.device(caller, c.localDeviceId()))
                .chain(c -> pool.preparedQuery(ADD_BYTES).execute(Tuple.of(id, bytes)).map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw ProblemException.conflict(SessionProblems.CONNECTION_ENDED, "The connection has ended");
                    }
                    return Connection.from(rows.iterator().next());
                }));
    }

    public Uni<Connection> end(Caller caller, UUID id, long finalBytes, String ip) {
        return find(id).call(c -> guard.device(caller, c.localDeviceId()))
                .chain(c -> pool.withTransaction(tx -> tx.preparedQuery(END).execute(Tuple.of(id, finalBytes)).chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().<Connection>failure(
                                ProblemException.conflict(SessionProblems.CONNECTION_ENDED, "The connection has already ended"));
                    }
                    Connection ended = Connection.from(rows.iterator().next());
                    return event(tx, EventTypes.CONNECTION_ENDED, ended, caller, ip).replaceWith(ended);
                })))
                .invoke(relay::kick);
    }

    public Uni<List<Connection>> ofDevice(Caller caller, long deviceId, int limit, int offset) {
        return guard.device(caller, deviceId).chain(() -> pool.preparedQuery(LIST).execute(Tuple.of(deviceId, limit, offset))
                .map(rows -> {
                    List<Connection> out = new ArrayList<>();
                    for (Row r : rows) {
                        out.add(Connection.from(r));
                    }
                    return out;
                }));
    }

    private Uni<Connection> find(UUID id) {
        return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw ProblemException.notFound(SessionProblems.CONNECTION_NOT_FOUND, "No connection " + id);
            }
            return Connection.from(rows.iterator().next());
        });
    }

    private Uni<Void> event(SqlClient tx, String type, Connection c, Caller caller, String ip) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session_id", c.sessionId());
        data.put("local_device_id", c.localDeviceId());
        data.put("remote_device_id", c.remoteDeviceId());
        data.put("remote_license_id", c.remoteLicenseId());
        data.put("connection_type", c.connectionType());
        if (c.endedAt() != null) {
            data.put("duration_seconds", c.durationSeconds());
            data.put("bytes_transferred", c.bytesTransferred());
        }
        return outbox.append(tx, EventEnvelope.of(type).license(c.localLicenseId()).device(Long.toString(c.localDeviceId()))
                .actor(caller.accountId() == 0 ? null : caller.accountId()).ip(ip).source("session-service").data(data).build());
    }
}
