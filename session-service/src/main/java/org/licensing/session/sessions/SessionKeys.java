package org.licensing.session.sessions;

import java.util.function.LongFunction;

import org.licensing.common.auth.TokenBlacklist;
import org.licensing.common.redis.RedisKeys;

/**
 * Redis keys of session-service. The shared ones come from {@link RedisKeys}; the ones only this
 * service uses are defined here. {@link #template} turns a shared key into a Lua format string, so
 * the scripts build exactly the keys the other services write.
 */
public final class SessionKeys {

    /** Every live lease: session id scored by lease expiry (epoch ms). The reaper scans it. */
    public static final String LEASES = "session:leases";
    /** Ended sessions whose PostgreSQL write is pending: "sid|reason|ended_ms|last_ms|usage" scored by end time. */
    public static final String CLOSING = "session:closing";
    /** Every online device: device row id scored by the expiry of its online flag. */
    public static final String ONLINE_ALL = "online:devices";

    private static final long MARK = 7_310_000_000_013L;

    private SessionKeys() {}

    /** Floating seats of a license: session id scored by lease expiry. */
    public static String seats(long licenseId) {
        return "session:seats:" + licenseId;
    }

    /** Online devices of one license: device row id scored by the expiry of its online flag. */
    public static String onlineOfLicense(long licenseId) {
        return "online:license:" + licenseId;
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
