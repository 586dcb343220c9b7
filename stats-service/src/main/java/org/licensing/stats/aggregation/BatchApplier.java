package org.licensing.stats.aggregation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.licensing.common.events.EventEnvelope;
import org.licensing.common.events.EventTypes;
import org.licensing.common.events.HeartbeatEntry;
import org.licensing.stats.eventlog.EventLogPartitions;
import org.licensing.stats.validations.ValidationCounts;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.redis.datasource.stream.StreamMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Applies one batch of stream entries inside the caller's transaction (which holds the partition's
 * {@code stream_offsets} row lock): skips entries at or below the recorded offset, stores events once in
 * {@code event_log}, upserts the usage aggregates, and moves the offset to the newest entry of the batch.
 * Unreadable entries are rejected (logged, acknowledged, no effect) so one bad entry cannot stall a partition.
 */
@ApplicationScoped
public class BatchApplier {

    private static final Logger LOG = Logger.getLogger(BatchApplier.class);

    static final String UPSERT_TOTALS = "INSERT INTO stats.usage_totals AS t (scope, scope_id, logins, usage_seconds, "
            + "heartbeats, license_id, account_id, first_seen_at, last_seen_at) "
            + "SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], "
            + "$7::bigint[], $8::timestamptz[], $9::timestamptz[]) "
            + "ON CONFLICT (scope, scope_id) DO UPDATE SET logins = t.logins + EXCLUDED.logins, "
            + "usage_seconds = t.usage_seconds + EXCLUDED.usage_seconds, heartbeats = t.heartbeats + EXCLUDED.heartbeats, "
            + "license_id = COALESCE(EXCLUDED.license_id, t.license_id), account_id = COALESCE(EXCLUDED.account_id, t.account_id), "
            + "first_seen_at = LEAST(t.first_seen_at, EXCLUDED.first_seen_at), "
            + "last_seen_at = GREATEST(t.last_seen_at, EXCLUDED.last_seen_at), updated_at = now()";

    /** The daily upsert with its six parameters numbered from {@code first}. */
    private static String upsertDaily(int first) {
        return "INSERT INTO stats.usage_daily AS d (scope, scope_id, day, logins, usage_seconds, heartbeats) "
                + "SELECT * FROM unnest($" + first + "::varchar[], $" + (first + 1) + "::varchar[], $" + (first + 2)
                + "::date[], $" + (first + 3) + "::bigint[], $" + (first + 4) + "::bigint[], $" + (first + 5) + "::bigint[]) "
                + "ON CONFLICT (scope, scope_id, day) DO UPDATE SET logins = d.logins + EXCLUDED.logins, "
                + "usage_seconds = d.usage_seconds + EXCLUDED.usage_seconds, heartbeats = d.heartbeats + EXCLUDED.heartbeats";
    }

    /**
     * Totals and daily rows of a batch in one round trip. Every batch runs this same statement, so every
     * transaction locks the rows in the same order (each table's rows sorted, the two tables in the plan's
     * fixed order) and two partitions' batches still cannot deadlock.
     */
    static final String UPSERT_USAGE = "WITH totals AS (" + UPSERT_TOTALS + "), daily AS (" + upsertDaily(10) + ") SELECT 1";

    /** The same and, last, the partition's offset moved past the batch (a heartbeat batch's only write after the lock). */
    static final String UPSERT_USAGE_AND_MOVE = "WITH totals AS (" + UPSERT_TOTALS + "), daily AS (" + upsertDaily(10)
            + "), moved AS (UPDATE stats.stream_offsets SET last_id = $17, last_entry_at = COALESCE($18, last_entry_at),"
            + " entries_applied = entries_applied + $19, updated_at = now() WHERE stream_key = $16) SELECT 1";

    /** Stores the events once and, in the same statement, counts the validations it stored (ValidationCounts). */
    static final String INSERT_EVENTS = "WITH stored AS (INSERT INTO stats.event_log (id, type, level, account_id, license_id, device_id, "
            + "actor_id, ip_address, source, details, created_at) "
            + "SELECT u.id, u.type, u.level, u.account_id, u.license_id, u.device_id, u.actor_id, u.ip, u.source, u.details::jsonb, u.created_at "
            + "FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::bigint[], $5::bigint[], $6::varchar[], $7::bigint[], "
            + "$8::varchar[], $9::varchar[], $10::text[], $11::timestamptz[]) "
            + "AS u(id, type, level, account_id, license_id, device_id, actor_id, ip, source, details, created_at) "
            + "ON CONFLICT DO NOTHING RETURNING " + ValidationCounts.STORED_COLUMNS + "), " + ValidationCounts.COUNT_STORED
            + " SELECT id FROM stored";

    static final String UPDATE_OFFSET = "UPDATE stats.stream_offsets SET last_id = $2, "
            + "last_entry_at = COALESCE($3, last_entry_at), entries_applied = entries_applied + $4, updated_at = now() "
            + "WHERE stream_key = $1";

    static final long EARLIEST_TS = 946_684_800_000L; // 2000-01-01T00:00:00Z
    static final long MAX_CLOCK_AHEAD_MS = 86_400_000L;

    private final ObjectMapper json;
    private final EventLogPartitions partitions;

    public BatchApplier(ObjectMapper json, EventLogPartitions partitions) {
        this.json = json;
        this.partitions = partitions;
    }

    public Uni<BatchResult> apply(SqlConnection tx, String streamKey, StreamKind kind, StreamEntryId applied,
            List<StreamMessage<String, String, String>> entries) {
        List<String> ackIds = new ArrayList<>(entries.size());
        List<StreamMessage<String, String, String>> fresh = new ArrayList<>(entries.size());
        StreamEntryId newest = applied;
        for (StreamMessage<String, String, String> m : entries) {
            ackIds.add(m.id());
            StreamEntryId id = StreamEntryId.parse(m.id());
            if (id.isAfter(applied)) {
                fresh.add(m);
                if (id.isAfter(newest)) {
                    newest = id;
                }
            }
        }
        int skipped = entries.size() - fresh.size();
        if (fresh.isEmpty()) {
            return Uni.createFrom().item(new BatchResult(false, ackIds, 0, skipped, 0, 0, 0));
        }
        String newestId = newest.toString();
        return kind == StreamKind.HEARTBEATS
                ? applyHeartbeats(tx, streamKey, newestId, ackIds, fresh, skipped)
                : applyEvents(tx, streamKey, newestId, ackIds, fresh, skipped);
    }

    private Uni<BatchResult> applyHeartbeats(SqlConnection tx, String streamKey, String newestId, List<String> ackIds,
            List<StreamMessage<String, String, String>> fresh, int skipped) {
        UsageBatch usage = new UsageBatch();
        int rejected = 0;
        long oldest = Long.MAX_VALUE, newestTs = 0;
        for (StreamMessage<String, String, String> m : fresh) {
            HeartbeatEntry h;
            try {
                h = m.payload() == null ? null : HeartbeatEntry.fromFields(m.payload());
            } catch (RuntimeException e) {
                h = null;
            }
            if (h == null || !plausible(h.ts())) {
                rejected++;
                LOG.warnf("Rejected unreadable heartbeat entry %s on %s", m.id(), streamKey);
                continue;
            }
            usage.heartbeat(h);
            oldest = Math.min(oldest, h.ts());
            newestTs = Math.max(newestTs, h.ts());
        }
        int applied = fresh.size() - rejected;
        long oldestTs = applied == 0 ? 0 : oldest;
        long lastTs = newestTs;
        int rej = rejected;
        Tuple offset = offsetArgs(streamKey, newestId, lastTs, fresh.size());
        Uni<Void> written = usage.isEmpty() ? tx.preparedQuery(UPDATE_OFFSET).execute(offset).replaceWithVoid()
                : upsertRows(tx, usage, false, null).chain(() -> upsertRows(tx, usage, true, offset));
        return written.map(x -> new BatchResult(false, ackIds, applied, skipped, rej, oldestTs, lastTs));
    }

    private Uni<BatchResult> applyEvents(SqlConnection tx, String streamKey, String newestId, List<String> ackIds,
            List<StreamMessage<String, String, String>> fresh, int skipped) {
        Map<String, EventEnvelope> events = new LinkedHashMap<>();
        int rejected = 0;
        int expired = 0;
        YearMonth oldestKept = partitions.oldestKept();
        long newestTs = 0;
        for (StreamMessage<String, String, String> m : fresh) {
            EventEnvelope e = parseEvent(m);
            if (e == null) {
                rejected++;
                LOG.warnf("Rejected unreadable event entry %s on %s", m.id(), streamKey);
                continue;
            }
            newestTs = Math.max(newestTs, e.ts().toEpochMilli());
            if (YearMonth.from(e.ts().atOffset(ZoneOffset.UTC)).isBefore(oldestKept)) {
                expired++; // past retention: its partition is gone, so it is neither stored nor counted
                continue;
            }
            events.putIfAbsent(e.id(), e); // the same event twice in one batch (outbox republish)
        }
        int applied = fresh.size() - rejected;
        int rej = rejected;
        long lastTs = newestTs;
        if (expired > 0) {
            LOG.infof("%d events on %s are older than the retention window and were not stored", expired, streamKey);
        }
        if (events.isEmpty()) {
            return moveOffset(tx, streamKey, newestId, lastTs, fresh.size())
                    .map(x -> new BatchResult(false, ackIds, applied, skipped, rej, 0, 0));
        }
        Set<YearMonth> months = new TreeSet<>();
        events.values().forEach(e -> months.add(YearMonth.from(e.ts().atOffset(ZoneOffset.UTC))));
        return partitions.ensure(tx, months)
                .chain(() -> insertEvents(tx, events.values()))
                .chain(stored -> {
                    // Only events stored now (not duplicates of stored ones) feed the login counts.
                    UsageBatch usage = new UsageBatch();
                    for (String id : stored) {
                        EventEnvelope e = events.get(id);
                        if (e != null && EventTypes.SESSION_STARTED.equals(e.type())) {
                            usage.login(e.accountId(), e.licenseId(), e.deviceId(), server(e), e.ts());
                        }
                    }
                    return upsert(tx, usage);
                })
                .chain(() -> moveOffset(tx, streamKey, newestId, lastTs, fresh.size()))
                .map(x -> new BatchResult(false, ackIds, applied, skipped, rej, 0, 0));
    }

    private EventEnvelope parseEvent(StreamMessage<String, String, String> m) {
        String body = m.payload() == null ? null : m.payload().get("event");
        if (body == null) {
            return null;
        }
        try {
            EventEnvelope e = json.readValue(body, EventEnvelope.class);
            if (e.id() == null || e.id().isBlank() || e.type() == null || e.type().isBlank() || e.ts() == null
                    || !plausible(e.ts().toEpochMilli())) {
                return null;
            }
            return e;
        } catch (Exception ex) {
            return null;
        }
    }

    /**
     * A ts from 2000 up to a day ahead of this clock. Anything else is a broken producer: storing it would
     * need a partition (or a date) that cannot exist and would stall the partition for ever.
     */
    static boolean plausible(long tsMillis) {
        return tsMillis >= EARLIEST_TS && tsMillis <= System.currentTimeMillis() + MAX_CLOCK_AHEAD_MS;
    }

    /** After a failed batch: forget cached partition months (a rolled-back CREATE may have been cached). */
    public void batchFailed() {
        partitions.forget();
    }

    private static String server(EventEnvelope e) {
        Object s = e.data() == null ? null : e.data().get("server");
        return s != null ? s.toString() : e.source();
    }

    private Uni<List<String>> insertEvents(SqlConnection tx, java.util.Collection<EventEnvelope> events) {
        int n = events.size();
        String[] id = new String[n], type = new String[n], level = new String[n], device = new String[n], ip = new String[n],
                source = new String[n], details = new String[n];
        Long[] account = new Long[n], license = new Long[n], actor = new Long[n];
        OffsetDateTime[] created = new OffsetDateTime[n];
        int i = 0;
        for (EventEnvelope e : events) {
            id[i] = cut(e.id(), 64);
            type[i] = cut(e.type(), 64);
            level[i] = e.level() == null ? "info" : cut(e.level(), 8);
            account[i] = e.accountId();
            license[i] = e.licenseId();
            device[i] = cut(e.deviceId(), 64);
            actor[i] = e.actorId();
            ip[i] = cut(e.ip(), 45);
            source[i] = cut(e.source(), 64);
            details[i] = toJson(e.data());
            created[i] = e.ts().atOffset(ZoneOffset.UTC);
            i++;
        }
        Tuple t = Tuple.tuple().addArrayOfString(id).addArrayOfString(type).addArrayOfString(level)
                .addArrayOfLong(account).addArrayOfLong(license).addArrayOfString(device).addArrayOfLong(actor)
                .addArrayOfString(ip).addArrayOfString(source).addArrayOfString(details).addArrayOfOffsetDateTime(created);
        return tx.preparedQuery(INSERT_EVENTS).execute(t).map(rows -> {
            List<String> stored = new ArrayList<>();
            for (Row r : rows) {
                stored.add(r.getString(0));
            }
            return stored;
        });
    }

    private String toJson(Map<String, Object> data) {
        if (data == null || data.isEmpty()) {
            return null;
        }
        try {
            return json.writeValueAsString(data);
        } catch (Exception e) {
            return null;
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /**
     * Upserts the batch's rows: first the many per-account/license/device rows, then the few rows every
     * batch of every partition touches (global, server), so those hot row locks are held only for the last
     * small statement, the offset update and the commit. Every transaction locks in this same order.
     */
    Uni<Void> upsert(SqlConnection tx, UsageBatch usage) {
        if (usage.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return upsertRows(tx, usage, false, null).chain(() -> upsertRows(tx, usage, true, null));
    }

    private static boolean hot(String scope) {
        return UsageBatch.GLOBAL.equals(scope) || UsageBatch.SERVER.equals(scope);
    }

    /** @param offset when not null, the offset move ({@link #offsetArgs}) is made in the same statement */
    private Uni<Void> upsertRows(SqlConnection tx, UsageBatch usage, boolean hotRows, Tuple offset) {
        List<Map.Entry<UsageBatch.Key, UsageBatch.Counts>> totalRows = usage.totals().entrySet().stream()
                .filter(e -> hot(e.getKey().scope()) == hotRows).toList();
        List<Map.Entry<UsageBatch.DayKey, UsageBatch.Counts>> dailyRows = usage.daily().entrySet().stream()
                .filter(e -> hot(e.getKey().scope()) == hotRows).toList();
        if (totalRows.isEmpty() && dailyRows.isEmpty()) {
            return offset == null ? Uni.createFrom().voidItem() : tx.preparedQuery(UPDATE_OFFSET).execute(offset).replaceWithVoid();
        }
        int n = totalRows.size();
        String[] scope = new String[n], scopeId = new String[n];
        Long[] logins = new Long[n], seconds = new Long[n], beats = new Long[n], license = new Long[n], account = new Long[n];
        OffsetDateTime[] first = new OffsetDateTime[n], last = new OffsetDateTime[n];
        int i = 0;
        for (Map.Entry<UsageBatch.Key, UsageBatch.Counts> e : totalRows) {
            UsageBatch.Counts c = e.getValue();
            scope[i] = e.getKey().scope();
            scopeId[i] = e.getKey().scopeId();
            logins[i] = c.logins;
            seconds[i] = c.usageSeconds;
            beats[i] = c.heartbeats;
            license[i] = c.licenseId;
            account[i] = c.accountId;
            first[i] = at(c.firstSeen);
            last[i] = at(c.lastSeen);
            i++;
        }
        int d = dailyRows.size();
        String[] dScope = new String[d], dScopeId = new String[d];
        java.time.LocalDate[] day = new java.time.LocalDate[d];
        Long[] dLogins = new Long[d], dSeconds = new Long[d], dBeats = new Long[d];
        int j = 0;
        for (Map.Entry<UsageBatch.DayKey, UsageBatch.Counts> e : dailyRows) {
            dScope[j] = e.getKey().scope();
            dScopeId[j] = e.getKey().scopeId();
            day[j] = e.getKey().day();
            dLogins[j] = e.getValue().logins;
            dSeconds[j] = e.getValue().usageSeconds;
            dBeats[j] = e.getValue().heartbeats;
            j++;
        }
        Tuple rows = Tuple.tuple().addArrayOfString(scope).addArrayOfString(scopeId).addArrayOfLong(logins)
                .addArrayOfLong(seconds).addArrayOfLong(beats).addArrayOfLong(license).addArrayOfLong(account)
                .addArrayOfOffsetDateTime(first).addArrayOfOffsetDateTime(last)
                .addArrayOfString(dScope).addArrayOfString(dScopeId).addArrayOfLocalDate(day)
                .addArrayOfLong(dLogins).addArrayOfLong(dSeconds).addArrayOfLong(dBeats);
        if (offset == null) {
            return tx.preparedQuery(UPSERT_USAGE).execute(rows).replaceWithVoid();
        }
        for (int k = 0; k < offset.size(); k++) {
            rows.addValue(offset.getValue(k));
        }
        return tx.preparedQuery(UPSERT_USAGE_AND_MOVE).execute(rows).replaceWithVoid();
    }

    private static OffsetDateTime at(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Tuple offsetArgs(String streamKey, String newestId, long lastTs, int count) {
        OffsetDateTime at = lastTs > 0 ? Instant.ofEpochMilli(lastTs).atOffset(ZoneOffset.UTC) : null;
        return Tuple.of(streamKey, newestId, at, (long) count);
    }

    private static Uni<Void> moveOffset(SqlConnection tx, String streamKey, String newestId, long lastTs, int count) {
        return tx.preparedQuery(UPDATE_OFFSET).execute(offsetArgs(streamKey, newestId, lastTs, count)).replaceWithVoid();
    }
}
