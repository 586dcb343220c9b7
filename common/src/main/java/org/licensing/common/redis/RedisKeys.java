package org.licensing.common.redis;

/**
 * The Redis key layout shared by the services (DESIGN section 3). The owner named on each key is
 * its only writer, except where a reader may warm a missing cache entry from PostgreSQL.
 */
public final class RedisKeys {

    private RedisKeys() {}

    /** license-service: license snapshot JSON ({@code LicenseSnapshot}), TTL 3600 s, rewritten/deleted on change. */
    public static String licenseSnapshot(long licenseId) {
        return "license:" + licenseId + ":snapshot";
    }

    /** license-service: current status (UNUSED, ACTIVE, SUSPENDED, ...), no TTL, set on every status change. */
    public static String licenseStatus(long licenseId) {
        return "license:" + licenseId + ":status";
    }

    /** license-service: key hash to license id, set at issue, removed when the key is replaced. */
    public static String licenseByKeyHash(String keyHash) {
        return "license:keyhash:" + keyHash;
    }

    /** device-service: the license snapshot as seen by a bound device, TTL 3600 s, deleted on any change. */
    public static String deviceLicense(long deviceRowId) {
        return "device:" + deviceRowId + ":license";
    }

    /** device-service: present while the device is blocked (value: reason), pushed at commit time. */
    public static String deviceBlocked(long deviceRowId) {
        return "device:" + deviceRowId + ":blocked";
    }

    /** device-service: (license id, client device id) to device row id while bound; the legacy endpoints use it. */
    public static String deviceLookup(long licenseId, String clientDeviceId) {
        return "device:lookup:" + licenseId + ":" + clientDeviceId;
    }

    /** session-service: online flag, TTL = heartbeat interval + grace. */
    public static String deviceOnline(long deviceRowId) {
        return "device:" + deviceRowId + ":online";
    }

    /** session-service: session lease (hash), TTL = interval + grace, refreshed by each heartbeat. */
    public static String session(String sessionId) {
        return "session:" + sessionId;
    }

    private static final long MARK = 987654321987654321L;

    /** A key function of an id as a Lua {@code string.format} pattern ({@code %s} = the id), for scripts that build keys. */
    public static String template(java.util.function.LongFunction<String> key) {
        return key.apply(MARK).replace(Long.toString(MARK), "%s");
    }

    /** {@link #deviceLookup} as a Lua pattern of (license id, client device id). */
    public static String deviceLookupTemplate() {
        return deviceLookup(MARK, "%s").replace(Long.toString(MARK), "%s");
    }
}
