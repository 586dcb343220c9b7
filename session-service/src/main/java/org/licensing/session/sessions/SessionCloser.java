package org.licensing.session.sessions;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.outbox.Outbox;
import org.licensing.common.outbox.OutboxRelay;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Writes ended sessions to PostgreSQL: one conditional UPDATE (only a session not yet ended), its
 * {@code session.ended} event in the same transaction, then the token's {@code jti} on the blacklist.
 * The closing entry is removed only after that commit, so an end is never lost; the conditional
 * UPDATE makes it happen once however many instances drain at the same time.
 */
@ApplicationScoped
public class SessionCloser {

    private static final Logger LOG = Logger.getLogger(SessionCloser.class);

    static final String CLOSE_SQL = """
            UPDATE session.client_sessions SET ended_at = to_timestamp($2::bigint / 1000.0),
              duration_seconds = GREATEST(0, floor(extract(epoch FROM to_timestamp($2::bigint / 1000.0) - started_at)))::int,
              end_reason = $3,
              last_heartbeat_at = COALESCE(to_timestamp($4::bigint / 1000.0), last_heartbeat_at, started_at),
              usage_seconds = $5, updated_at = now()
            WHERE id = $1 AND ended_at IS NULL
            RETURNING license_id, device_id, account_id, jti, token_expires_at, ended_at, duration_seconds, ip_address""";

    static final String EXISTS_SQL = "SELECT 1 FROM session.client_sessions WHERE id = $1";
    static final long PENDING_INSERT_WINDOW_MS = 60_000;

    private final Pool pool;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final TokenBlacklist blacklist;
    private final SessionLeases leases;
    private final SessionConfig config;

    public SessionCloser(Pool pool, Outbox outbox, OutboxRelay relay, TokenBlacklist blacklist, SessionLeases leases,
            SessionConfig config) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.blacklist = blacklist;
        this.leases = leases;
        this.config = config;
    }

    /** What a close wrote; {@code closedNow} is false when the session had already been closed. */
    public record Closed(ClosingEntry entry, boolean closedNow, OffsetDateTime endedAt, Integer durationSeconds) {}

    /** Writes one closing entry and removes it from the closing set. */
    public Uni<Closed> close(String member) {
        ClosingEntry e = ClosingEntry.parse(member);
        return pool.withTransaction(tx -> tx.preparedQuery(CLOSE_SQL)
                .execute(Tuple.of(java.util.UUID.fromString(e.sessionId()), e.endedAtMillis(), e.reason(),
                        e.lastHeartbeatMillis(), e.usageSeconds()))
                .chain(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return Uni.createFrom().<Row>nullItem();
                    }
                    Row row = rows.iterator().next();
                    return outbox.append(tx, ended(e, row)).replaceWith(row);
                }))
                .call(row -> row == null || row.getString("jti") == null ? Uni.createFrom().voidItem()
                        : blacklist.revoke(row.getString("jti"), row.getOffsetDateTime("token_expires_at").toEpochSecond()))
                .call(row -> row != null ? leases.closed(member) : settleUnmatched(e, member))
                .invoke(row -> {
                    if (row != null) {
                        relay.kick();
                    }
                })
                .map(row -> row == null ? new Closed(e, false, null, null)
                        : new Closed(e, true, row.getOffsetDateTime("ended_at"), row.getInteger("duration_seconds")));
    }

    /**
     * No open row matched: it was closed already (drop the entry), or its INSERT has not committed yet
     * (a session ended within milliseconds of its start): keep a young entry for the next pass.
     */
    private Uni<Void> settleUnmatched(ClosingEntry e, String member) {
        if (System.currentTimeMillis() - e.endedAtMillis() > PENDING_INSERT_WINDOW_MS) {
            return leases.closed(member);
        }
        return pool.preparedQuery(EXISTS_SQL).execute(Tuple.of(java.util.UUID.fromString(e.sessionId())))
                .chain(rows -> rows.iterator().hasNext() ? leases.closed(member) : Uni.createFrom().voidItem());
    }

    /** How many closing entries one sweep hands over (a full batch that closed nothing waits for the next tick). */
    int batch() {
        return config.reaperBatch();
    }

    /** Writes closing entries one after another (the reaper's sweep lists them); returns how many it closed. */
    Uni<Integer> closeAll(List<String> members) {
        if (members.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(members)
                .onItem().transformToUniAndConcatenate(m -> close(m)
                        .map(c -> c.closedNow() ? 1 : 0)
                        .onFailure(IllegalArgumentException.class).recoverWithUni(f -> {
                            LOG.errorf("Dropping unreadable closing entry %s", m);
                            return leases.closed(m).replaceWith(0);
                        }))
                .collect().asList()
                .map(l -> l.stream().mapToInt(Integer::intValue).sum());
    }

    private static EventEnvelope ended(ClosingEntry e, Row row) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("session_id", e.sessionId());
        data.put("reason", e.reason());
        data.put("duration_seconds", row.getInteger("duration_seconds"));
        data.put("usage_seconds", e.usageSeconds());
        data.put("ended_at", Instant.ofEpochMilli(e.endedAtMillis()).toString());
        return EventEnvelope.of(EventTypes.SESSION_ENDED)
                .level("timeout".equals(e.reason()) || "signed_out".equals(e.reason()) ? "info" : "warning")
                .license(row.getLong("license_id"))
                .device(Long.toString(row.getLong("device_id")))
                .account(row.getLong("account_id"))
                .ip(row.getString("ip_address"))
                .source("session-service")
                .data(data)
                .build();
    }
}
