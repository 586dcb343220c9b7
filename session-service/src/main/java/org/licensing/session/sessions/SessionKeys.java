package org.licensing.session.sessions;

import java.util.function.LongFunction;

import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.redis.RedisKeys;

/**
 * Redis keys of session-service. The shared ones come from {@link RedisKeys}; the ones only this
 * service uses are defined here. {@link #template} turns a shared key into a Lua format string, so
 * the scripts build exactly the keys the other services write.
 *
 * <p>Everything the session scripts write sits in the license's session partition
 * ({@link RedisKeys#sessionPartition}, hash tag {@code {s<p>}}): one script touches one Redis Cluster slot.
 * The partitioned templates take (partition, id) in that order.
 */
public final class SessionKeys {

    private static final long MARK = 7_310_000_000_013L;
    private static final String P = "%s";

    private SessionKeys() {}

    /** Live leases of a session partition: session id scored by lease expiry (the heartbeat renews it). */
    public static String leases(int partition) {
        return leases(Integer.toString(partition));
    }

    static String leases(String partition) {
        return "session:" + RedisKeys.sessionTag(partition) + ":leases";
    }

    /**
     * Ended sessions of a partition whose PostgreSQL write is pending:
     * "sid|reason|ended_ms|last_ms|usage|license" scored by end time ({@link ClosingEntry}).
     */
    public static String closing(int partition) {
        return closing(Integer.toString(partition));
    }

    static String closing(String partition) {
        return "session:" + RedisKeys.sessionTag(partition) + ":closing";
    }

    /**
     * Floating seats of a license: session id scored by lease expiry. Also who is online on the license:
     * a member whose score is ahead of now is a live session (its device in the session hash).
     */
    public static String seats(long licenseId) {
        return seats(Integer.toString(RedisKeys.sessionPartition(licenseId)), Long.toString(licenseId));
    }

    static String seats(String partition, String licenseId) {
        return "session:" + RedisKeys.sessionTag(partition) + ":seats:" + licenseId;
    }

    /** The open session of a legacy (requirement 001) client, by device row id. */
    public static String legacySession(long licenseId, long deviceRowId) {
        return legacySession(Integer.toString(RedisKeys.sessionPartition(licenseId)), Long.toString(deviceRowId));
    }

    static String legacySession(String partition, String deviceRowId) {
        return "session:" + RedisKeys.sessionTag(partition) + ":legacy:" + deviceRowId;
    }

    /**
     * Per-device heartbeat counter (requirement 002's {@code ratelimit:{device}:{endpoint}}, the braces now
     * holding the session partition's tag so the heartbeat script's counter shares its slot).
     */
    public static String heartbeatRate(long licenseId, long deviceRowId) {
        return heartbeatRate(Integer.toString(RedisKeys.sessionPartition(licenseId)), Long.toString(deviceRowId));
    }

    static String heartbeatRate(String partition, String deviceRowId) {
        return "ratelimit:" + RedisKeys.sessionTag(partition) + ":" + deviceRowId + ":heartbeat";
    }

    /** A key function with its id replaced by Lua's {@code %s}. */
    public static String template(LongFunction<String> key) {
        return key.apply(MARK).replace(Long.toString(MARK), "%s");
    }

    // Lua patterns of the partitioned keys: (partition, id), or (partition) for the partition's sets
    static String sessionTemplate() {
        return RedisKeys.session(P, P);
    }

    static String onlineTemplate() {
        return RedisKeys.deviceOnline(P, P);
    }

    static String seatsTemplate() {
        return seats(P, P);
    }

    static String legacyTemplate() {
        return legacySession(P, P);
    }

    static String rateTemplate() {
        return heartbeatRate(P, P);
    }

    static String leasesTemplate() {
        return leases(P);
    }

    static String closingTemplate() {
        return closing(P);
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
