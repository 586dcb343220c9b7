package org.licensing.session.sessions;

import java.util.LinkedHashMap;
import java.util.Map;

import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.ratelimit.RateLimitConfig;
import org.licensing.common.redis.LuaScript;
import org.licensing.common.redis.RedisKeys;

/**
 * The Lua scripts that own a session's live state in Redis ({@code redis/session/*.lua}). Every change
 * of a lease (open, beat, end, reap) is one atomic script, so a seat is counted once, a session ends
 * once, and the heartbeat costs one round trip. Each script is {@code prelude.lua} (keys, settings,
 * helpers) followed by its own file; the settings and key templates are compiled into the source here
 * ({@code {{NAME}}} placeholders), so there is one SHA per configuration.
 *
 * <p>Per session, hash {@code session:{s<p>}:<sid>}: lic, dev, acc, jti, exp (token expiry, ms), lexp (license
 * expiry, ms, 0 = none), stream (heartbeat stream partition of the device), started, last (last beat,
 * ms; the lease runs until last + lease), mark (usage credited up to, ms), seq (beats), usage (credited s),
 * ended (reason). The hash lives until the token expires, or briefly once the session ended.
 *
 * <p>Every key a script writes is in its license's session partition ({@code {s<p>}}, {@link SessionKeys}),
 * declared to Redis by one key of it ({@link SessionKeys#leases}) so a Redis Cluster routes the call to its
 * slot. On standalone Redis the scripts also read the other services' keys (flags, key hash, address) and
 * append the heartbeat stream entry themselves; on a cluster those live in other slots, so {@link SessionLeases}
 * reads them first and passes them as arguments, and appends the entry after (same script text, a mode flag).
 */
public final class SessionScripts {

    private static final String DIR = "redis/session/";

    public final LuaScript open;
    public final LuaScript heartbeat;
    public final LuaScript end;
    public final LuaScript abort;
    public final LuaScript reap;
    public final LuaScript online;
    /** The heartbeat's address checks alone (a Redis Cluster: the {ip} slot is not the session's). */
    public final LuaScript address;
    /** A start's reads of the key hash, snapshot and device look-up in one call (standalone Redis: {@link StartReads}). */
    public final LuaScript startReads;

    public SessionScripts(SessionConfig config, String server, RateLimitConfig.Rule ipRule) {
        long cap = config.leaseMillis();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("K_SESSION", SessionKeys.sessionTemplate());
        settings.put("K_KEYHASH", SessionKeys.keyHashTemplate());
        settings.put("K_LOOKUP", SessionKeys.lookupTemplate());
        settings.put("K_ONLINE", SessionKeys.onlineTemplate());
        settings.put("K_BLOCKED", SessionKeys.template(RedisKeys::deviceBlocked));
        settings.put("K_STATUS", SessionKeys.template(RedisKeys::licenseStatus));
        settings.put("K_SNAPSHOT", SessionKeys.template(RedisKeys::licenseSnapshot));
        settings.put("K_BLACKLIST", SessionKeys.blacklistTemplate());
        settings.put("K_SUSPENDED", SessionKeys.suspendedTemplate());
        settings.put("K_SEATS", SessionKeys.seatsTemplate());
        settings.put("K_LEGACY", SessionKeys.legacyTemplate());
        settings.put("K_RATE", SessionKeys.rateTemplate());
        settings.put("K_LEASES", SessionKeys.leasesTemplate());
        settings.put("K_CLOSING", SessionKeys.closingTemplate());
        settings.put("NO_LICENSE", LicenseSnapshots.NO_LICENSE);
        settings.put("CAP", Long.toString(cap));
        settings.put("INTERVAL", Long.toString(config.heartbeatInterval().toMillis()));
        settings.put("HASH_TTL", Long.toString(Math.max(cap * 4, 600_000L)));
        settings.put("ENDED_TTL", Long.toString(Math.max(cap * 2, 60_000L)));
        settings.put("RATE_LIMIT", Integer.toString(config.heartbeatLimit()));
        settings.put("RATE_WINDOW", Long.toString(config.heartbeatLimitWindow().toMillis()));
        settings.put("SERVER", luaString(server));
        settings.put("BATCH", Integer.toString(config.reaperBatch()));
        settings.put("PARTITIONS", Integer.toString(RedisKeys.SESSION_PARTITIONS));
        settings.put("IP_WINDOW", Long.toString(ipRule.window().toMillis()));
        settings.put("IP_LIMIT", Long.toString(ipRule.limit()));
        String prelude = LuaScript.resource(DIR + "prelude.lua");
        String address = LuaScript.resource(DIR + "address.lua");
        this.open = script(prelude, "open.lua", settings);
        this.heartbeat = script(prelude + address, "heartbeat.lua", settings);
        this.address = script(address, "addresscheck.lua", settings);
        this.end = script(prelude, "end.lua", settings);
        this.abort = script(prelude, "abort.lua", settings);
        this.reap = script(prelude, "reap.lua", settings);
        this.online = script(prelude, "online.lua", settings);
        this.startReads = script("local K_SNAPSHOT, K_LOOKUP, NO_LICENSE = '{{K_SNAPSHOT}}', '{{K_LOOKUP}}', '{{NO_LICENSE}}'\n",
                "startreads.lua", settings);
    }

    /** The source of a script with its settings in place (exposed for tests). */
    static String source(String prelude, String file, Map<String, String> settings) {
        String source = prelude + LuaScript.resource(DIR + file);
        for (Map.Entry<String, String> s : settings.entrySet()) {
            source = source.replace("{{" + s.getKey() + "}}", s.getValue());
        }
        int left = source.indexOf("{{");
        if (left >= 0) {
            throw new IllegalStateException("Unset setting in " + file + ": " + source.substring(left, source.indexOf("}}", left) + 2));
        }
        return source;
    }

    private static LuaScript script(String prelude, String file, Map<String, String> settings) {
        return new LuaScript(source(prelude, file, settings));
    }

    private static String luaString(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }
}
