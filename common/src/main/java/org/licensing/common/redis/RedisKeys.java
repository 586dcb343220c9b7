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

    /**
     * How many session partitions there are. A license's whole session state (its sessions, seats, online flags,
     * leases, closing queue) lives in partition {@link #sessionPartition}, under the hash tag {@link #sessionTag}, so
     * every session script touches one Redis Cluster slot. A constant, not a setting: changing it moves keys.
     */
    public static final int SESSION_PARTITIONS = 256;

    /** The session partition of a license (the session scripts compute the same in Lua: {@code lic % P}). */
    public static int sessionPartition(long licenseId) {
        return (int) Math.floorMod(licenseId, (long) SESSION_PARTITIONS);
    }

    /** The hash tag of a session partition: keys sharing it share a cluster slot. */
    public static String sessionTag(String partition) {
        return "{s" + partition + "}";
    }

    /** session-service: online flag (value: session id), TTL = lease; in the license's session partition. */
    public static String deviceOnline(long licenseId, long deviceRowId) {
        return deviceOnline(Integer.toString(sessionPartition(licenseId)), Long.toString(deviceRowId));
    }

    /** {@link #deviceOnline(long, long)} by partition (pass {@code "%s"} twice for the scripts' Lua pattern). */
    public static String deviceOnline(String partition, String deviceRowId) {
        return "device:" + sessionTag(partition) + ":" + deviceRowId + ":online";
    }

    /** session-service: live session (hash), in its license's session partition; lives until the token expires. */
    public static String session(long licenseId, String sessionId) {
        return session(Integer.toString(sessionPartition(licenseId)), sessionId);
    }

    /** {@link #session(long, String)} by partition (pass {@code "%s"} twice for the scripts' Lua pattern). */
    public static String session(String partition, String sessionId) {
        return "session:" + sessionTag(partition) + ":" + sessionId;
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
