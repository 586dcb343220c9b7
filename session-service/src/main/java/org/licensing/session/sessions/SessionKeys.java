package org.licensing.session.sessions;

import java.util.function.LongFunction;

import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.events.StreamPartitions;
import org.licensing.common.redis.RedisKeys;

/**
 * Redis keys of session-service. The shared ones come from {@link RedisKeys}; the ones only this
 * service uses are defined here. {@link #template} turns a shared key into a Lua format string, so
 * the scripts build exactly the keys the other services write.
 */
public final class SessionKeys {

    /**
     * Live leases of sessions opened before the lease partitions (session id scored by lease expiry, epoch ms);
     * also the prefix of the partitions {@link #leases(int)}. The reaper scans all of them.
     */
    public static final String LEASES = "session:leases";
    /**
     * How many lease sets the reaper scans. A constant, not a setting: a session keeps the partition it was
     * opened with, so changing it would leave leases no reaper looks at.
     */
    public static final int LEASE_PARTITIONS = 16;
    /** Ended sessions whose PostgreSQL write is pending: "sid|reason|ended_ms|last_ms|usage" scored by end time. */
    public static final String CLOSING = "session:closing";

    private static final long MARK = 7_310_000_000_013L;

    private SessionKeys() {}

    /** Live leases of one partition: session id scored by lease expiry (the heartbeat renews it). */
    public static String leases(int partition) {
        return LEASES + ":" + partition;
    }

    /** The lease partition of a device's sessions (no global set is written on every beat). */
    public static int leasePartition(long deviceRowId) {
        return StreamPartitions.of("device:" + deviceRowId, LEASE_PARTITIONS);
    }

    /**
     * Floating seats of a license: session id scored by lease expiry. Also who is online on the license:
     * a member whose score is ahead of now is a live session (its device in the session hash).
     */
    public static String seats(long licenseId) {
        return "session:seats:" + licenseId;
    }

    /** The open session of a legacy (requirement 001) client, by device row id. */
    public static String legacySession(long deviceRowId) {
        return "session:legacy:" + deviceRowId;
    }

    /** Per-device heartbeat counter (requirement 002 {@code ratelimit:{device}:{endpoint}}). */
    public static String heartbeatRate(long deviceRowId) {
        return "ratelimit:{" + deviceRowId + "}:heartbeat";
    }

    /** A key function with its id replaced by Lua's {@code %s}. */
    public static String template(LongFunction<String> key) {
        return key.apply(MARK).replace(Long.toString(MARK), "%s");
    }

    static String sessionTemplate() {
        return RedisKeys.session("%s");
    }

    static String keyHashTemplate() {
        return RedisKeys.licenseByKeyHash("%s");
    }

    static String lookupTemplate() {
        return RedisKeys.deviceLookup(MARK, "%s").replace(Long.toString(MARK), "%s");
    }

    static String blacklistTemplate() {
        return TokenBlacklist.jtiKey("%s");
    }

    static String suspendedTemplate() {
        return TokenBlacklist.suspendedAccountKey("%s");
    }
}
