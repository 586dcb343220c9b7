package org.licensing.stats.aggregation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

import org.licensing.common.events.HeartbeatEntry;

/**
 * The aggregate deltas of one stream batch: per scope (global, account, license, device, server) in
 * total and per UTC day. Sorted maps, so every transaction upserts rows in the same order and two
 * partitions' batches touching the same account cannot deadlock.
 */
public final class UsageBatch {

    public static final String GLOBAL = "global", ACCOUNT = "account", LICENSE = "license", DEVICE = "device",
            SERVER = "server";

    public record Key(String scope, String scopeId) {}

    public record DayKey(String scope, String scopeId, LocalDate day) {}

    /** Mutable counters of one row. */
    public static final class Counts {
        public long logins;
        public long usageSeconds;
        public long heartbeats;
        public Long licenseId;
        public Long accountId;
        public Instant firstSeen;
        public Instant lastSeen;

        void add(long logins, long seconds, long heartbeats, Instant at, Long licenseId, Long accountId) {
            this.logins += logins;
            this.usageSeconds += seconds;
            this.heartbeats += heartbeats;
            if (firstSeen == null || at.isBefore(firstSeen)) {
                firstSeen = at;
            }
            if (lastSeen == null || !at.isBefore(lastSeen)) {
                lastSeen = at;
                if (licenseId != null) {
                    this.licenseId = licenseId;
                }
                if (accountId != null) {
                    this.accountId = accountId;
                }
            }
        }
    }

    private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::scope).thenComparing(Key::scopeId);
    private static final Comparator<DayKey> DAY_ORDER = Comparator.comparing(DayKey::scope)
            .thenComparing(DayKey::scopeId).thenComparing(DayKey::day);

    private final TreeMap<Key, Counts> totals = new TreeMap<>(KEY_ORDER);
    private final TreeMap<DayKey, Counts> daily = new TreeMap<>(DAY_ORDER);

    /** One heartbeat: its credited seconds (already capped by session-service) count once everywhere. */
    public void heartbeat(HeartbeatEntry h) {
        Instant at = Instant.ofEpochMilli(h.ts());
        long seconds = Math.max(0, h.seconds());
        Long license = h.licenseId() > 0 ? h.licenseId() : null;
        Long account = h.accountId() > 0 ? h.accountId() : null;
        add(GLOBAL, "", 0, seconds, 1, at, null, null);
        if (account != null) {
            add(ACCOUNT, account.toString(), 0, seconds, 1, at, null, null);
        }
        if (license != null) {
            add(LICENSE, license.toString(), 0, seconds, 1, at, null, account);
        }
        if (h.deviceId() != null && !h.deviceId().isBlank()) {
            add(DEVICE, h.deviceId(), 0, seconds, 1, at, license, account);
        }
        if (h.server() != null && !h.server().isBlank()) {
            add(SERVER, h.server(), 0, seconds, 1, at, null, null);
        }
    }

    /** One session start (a login), counted once per stored event. */
    public void login(Long accountId, Long licenseId, String deviceId, String server, Instant at) {
        add(GLOBAL, "", 1, 0, 0, at, null, null);
        if (accountId != null) {
            add(ACCOUNT, accountId.toString(), 1, 0, 0, at, null, null);
        }
        if (licenseId != null) {
            add(LICENSE, licenseId.toString(), 1, 0, 0, at, null, accountId);
        }
        if (deviceId != null && !deviceId.isBlank()) {
            add(DEVICE, deviceId, 1, 0, 0, at, licenseId, accountId);
        }
        if (server != null && !server.isBlank()) {
            add(SERVER, server, 1, 0, 0, at, null, null);
        }
    }

    private void add(String scope, String id, long logins, long seconds, long beats, Instant at, Long license,
            Long account) {
        String scopeId = id.length() > 128 ? id.substring(0, 128) : id;
        totals.computeIfAbsent(new Key(scope, scopeId), k -> new Counts()).add(logins, seconds, beats, at, license, account);
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        daily.computeIfAbsent(new DayKey(scope, scopeId, day), k -> new Counts()).add(logins, seconds, beats, at, license, account);
    }

    public boolean isEmpty() {
        return totals.isEmpty();
    }

    public Map<Key, Counts> totals() {
        return totals;
    }

    public Map<DayKey, Counts> daily() {
        return daily;
    }
}
