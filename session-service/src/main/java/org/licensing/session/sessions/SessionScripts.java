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
 * <p>Per session, hash {@code session:{id}}: lic, dev, acc, jti, exp (token expiry, ms), lexp (license
 * expiry, ms, 0 = none), stream (heartbeat stream partition of the device), started, last (last beat,
 * ms; the lease runs until last + lease), mark (usage credited up to, ms), seq (beats), usage (credited s),
 * lp (lease partition; absent for sessions opened before the partitions), ended (reason). The hash lives until the token expires, or briefly once the session ended.
 *
 * <p>The scripts touch keys they compute (a legacy beat only knows the key hash), so they assume one
 * Redis (standalone or a single shard), not a cluster.
 */
public final class SessionScripts {

    private static final String DIR = "redis/session/";

    public final LuaScript open;
    public final LuaScript heartbeat;
    public final LuaScript end;
    public final LuaScript abort;
    public final LuaScript reap;
    public final LuaScript online;

    public SessionScripts(SessionConfig config, String server, RateLimitConfig.Rule ipRule) {
        long cap = config.leaseMillis();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("K_SESSION", SessionKeys.sessionTemplate());
        settings.put("K_KEYHASH", SessionKeys.keyHashTemplate());
        settings.put("K_LOOKUP", SessionKeys.lookupTemplate());
        settings.put("K_ONLINE", SessionKeys.template(RedisKeys::deviceOnline));
        settings.put("K_BLOCKED", SessionKeys.template(RedisKeys::deviceBlocked));
        settings.put("K_STATUS", SessionKeys.template(RedisKeys::licenseStatus));
        settings.put("K_BLACKLIST", SessionKeys.blacklistTemplate());
        settings.put("K_SUSPENDED", SessionKeys.suspendedTemplate());
        settings.put("K_SEATS", SessionKeys.template(SessionKeys::seats));
        settings.put("K_LEGACY", SessionKeys.template(SessionKeys::legacySession));
        settings.put("K_RATE", SessionKeys.template(SessionKeys::heartbeatRate));
        settings.put("K_LEASES", SessionKeys.LEASES);
        settings.put("K_CLOSING", SessionKeys.CLOSING);
        settings.put("NO_LICENSE", LicenseSnapshots.NO_LICENSE);
        settings.put("CAP", Long.toString(cap));
        settings.put("INTERVAL", Long.toString(config.heartbeatInterval().toMillis()));
        settings.put("HASH_TTL", Long.toString(Math.max(cap * 4, 600_000L)));
        settings.put("ENDED_TTL", Long.toString(Math.max(cap * 2, 60_000L)));
        settings.put("RATE_LIMIT", Integer.toString(config.heartbeatLimit()));
        settings.put("RATE_WINDOW", Long.toString(config.heartbeatLimitWindow().toMillis()));
        settings.put("SERVER", luaString(server));
        settings.put("BATCH", Integer.toString(config.reaperBatch()));
        settings.put("LEASE_PARTITIONS", Integer.toString(SessionKeys.LEASE_PARTITIONS));
        settings.put("IP_WINDOW", Long.toString(ipRule.window().toMillis()));
        settings.put("IP_LIMIT", Long.toString(ipRule.limit()));
        String prelude = LuaScript.resource(DIR + "prelude.lua");
        this.open = script(prelude, "open.lua", settings);
        this.heartbeat = script(prelude, "heartbeat.lua", settings);
        this.end = script(prelude, "end.lua", settings);
        this.abort = script(prelude, "abort.lua", settings);
        this.reap = script(prelude, "reap.lua", settings);
        this.online = script(prelude, "online.lua", settings);
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
