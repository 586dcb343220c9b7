package org.licensing.session.sessions;

import org.licensing.common.ratelimit.RateLimitConfig;

import org.licensing.common.events.HeartbeatEntry;
import org.licensing.common.licenses.LicenseSnapshots;
import org.licensing.common.redis.LuaScript;
import org.licensing.common.redis.RedisKeys;

/**
 * The Lua scripts that own a session's live state in Redis. Every change of a lease (open, beat,
 * end, reap) is one atomic script, so a seat is counted once, a session ends once, and the
 * heartbeat costs one round trip. Settings are compiled into the source (one SHA per config).
 *
 * <p>Per session, hash {@code session:{id}}: lic, dev, acc, jti, exp (token expiry, ms), lexp (license
 * expiry, ms, 0 = none), stream (heartbeat stream partition of the device), started, last (last beat,
 * ms; the lease runs until last + lease), mark (usage credited up to, ms), seq (beats), usage (credited s),
 * ended (reason). The hash lives until the token expires, or briefly once the session ended.
 *
 * <p>The scripts touch keys they compute (a legacy beat only knows the key hash), so they assume one
 * Redis (standalone or a single shard), not a cluster.
 */
public final class SessionScripts {

    public final LuaScript open;
    public final LuaScript heartbeat;
    public final LuaScript end;
    public final LuaScript abort;
    public final LuaScript reap;

    public SessionScripts(SessionConfig config, String server, RateLimitConfig.Rule ipRule) {
        long cap = config.leaseMillis();
        String prelude = """
                local K_SESSION = '%s'
                local K_KEYHASH = '%s'
                local K_LOOKUP = '%s'
                local K_ONLINE = '%s'
                local K_BLOCKED = '%s'
                local K_STATUS = '%s'
                local K_BLACKLIST = '%s'
                local K_SUSPENDED = '%s'
                local K_SEATS = '%s'
                local K_ONLINE_LIC = '%s'
                local K_LEGACY = '%s'
                local K_RATE = '%s'
                local K_LEASES = '%s'
                local K_CLOSING = '%s'
                local K_ONLINE_ALL = '%s'
                local NO_LICENSE = '%s'
                local CAP = %d
                local INTERVAL = %d
                local HASH_TTL = %d
                local ENDED_TTL = %d
                local RATE_LIMIT = %d
                local RATE_WINDOW = %d
                local SERVER = '%s'
                local BATCH = %d
                local function nowms()
                  local t = redis.call('TIME')
                  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
                end
                local function fmt(n) return string.format('%%.0f', n) end
                -- A session cannot outlive its token: its hash lives until then (ending shortens it to ENDED_TTL).
                local function keepUntilTokenExpiry(skey, tokenExpMs, now)
                  redis.call('PEXPIREAT', skey, fmt(math.max(tonumber(tokenExpMs), now) + HASH_TTL))
                end
                -- Ends a live session: frees its seat and lease, drops the online flag it holds and
                -- queues the PostgreSQL write (drained by the closer, retried until it succeeds).
                local function finish(sid, lic, dev, last, usage, reason, endedMs)
                  local skey = string.format(K_SESSION, sid)
                  redis.call('HSET', skey, 'ended', reason)
                  redis.call('PEXPIRE', skey, ENDED_TTL)
                  redis.call('ZREM', K_LEASES, sid)
                  if lic then
                    redis.call('ZREM', string.format(K_SEATS, lic), sid)
                  end
                  if dev then
                    local okey = string.format(K_ONLINE, dev)
                    if redis.call('GET', okey) == sid then
                      redis.call('DEL', okey)
                      redis.call('ZREM', K_ONLINE_ALL, dev)
                      if lic then redis.call('ZREM', string.format(K_ONLINE_LIC, lic), dev) end
                    end
                    local lkey = string.format(K_LEGACY, dev)
                    if redis.call('GET', lkey) == sid then redis.call('DEL', lkey) end
                  end
                  local member = sid .. '|' .. reason .. '|' .. fmt(endedMs) .. '|' .. (last or '') .. '|' .. (usage or '0')
                  redis.call('ZADD', K_CLOSING, endedMs, member)
                  return member
                end
                """.formatted(
                SessionKeys.sessionTemplate(), SessionKeys.keyHashTemplate(), SessionKeys.lookupTemplate(),
                SessionKeys.template(RedisKeys::deviceOnline), SessionKeys.template(RedisKeys::deviceBlocked),
                SessionKeys.template(RedisKeys::licenseStatus), SessionKeys.blacklistTemplate(),
                SessionKeys.suspendedTemplate(), SessionKeys.template(SessionKeys::seats),
                SessionKeys.template(SessionKeys::onlineOfLicense), SessionKeys.template(SessionKeys::legacySession),
                SessionKeys.template(SessionKeys::heartbeatRate), SessionKeys.LEASES, SessionKeys.CLOSING,
                SessionKeys.ONLINE_ALL, LicenseSnapshots.NO_LICENSE, cap, config.heartbeatInterval().toMillis(),
                Math.max(cap * 4, 600_000L), Math.max(cap * 2, 60_000L), config.heartbeatLimit(), config.heartbeatLimitWindow().toMillis(),
                luaString(server), config.reaperBatch());

        // ARGV: sid, lic, dev, acc, jti, token exp ms, max seats (-1 = unlimited), stream, license exp ms, legacy 1|0
        // Returns {1, started ms} | {0, seats in use} | {2, sid of the legacy session another request opened}
        // | {3, block reason} | {4, license status}.
        this.open = new LuaScript(prelude + """
                local sid, lic, dev = ARGV[1], ARGV[2], ARGV[3]
                local lkey = string.format(K_LEGACY, dev)
                if ARGV[10] == '1' then
                  local existing = redis.call('GET', lkey)
                  if existing then return {2, existing} end
                end
                -- the flags the owners push at commit time win over what PostgreSQL said a moment ago
                local blocked = redis.call('GET', string.format(K_BLOCKED, dev))
                if blocked then return {3, blocked} end
                local status = redis.call('GET', string.format(K_STATUS, lic))
                if status and status ~= 'ACTIVE' then return {4, status} end
                local now = nowms()
                local seats = string.format(K_SEATS, lic)
                -- a lease that ran out holds no seat, whether or not the reaper has closed it yet
                redis.call('ZREMRANGEBYSCORE', seats, '-inf', '(' .. fmt(now))
                local max = tonumber(ARGV[7])
                if max >= 0 then
                  local used = redis.call('ZCARD', seats)
                  if used >= max then return {0, used} end
                end
                local lease = now + CAP
                local skey = string.format(K_SESSION, sid)
                redis.call('HSET', skey, 'lic', lic, 'dev', dev, 'acc', ARGV[4], 'jti', ARGV[5], 'exp', ARGV[6],
                  'stream', ARGV[8], 'lexp', ARGV[9], 'started', fmt(now), 'last', fmt(now), 'mark', fmt(now),
                  'seq', 0, 'usage', 0)
                keepUntilTokenExpiry(skey, ARGV[6], now)
                redis.call('ZADD', seats, lease, sid)
                redis.call('ZADD', K_LEASES, lease, sid)
                redis.call('SET', string.format(K_ONLINE, dev), sid, 'PX', CAP)
                redis.call('ZADD', K_ONLINE_ALL, lease, dev)
                redis.call('ZADD', string.format(K_ONLINE_LIC, lic), lease, dev)
                if ARGV[10] == '1' then redis.call('SET', lkey, sid, 'PX', CAP) end
                return {1, fmt(now)}
                """);

        // ARGV: 't', client ip, sid | 'l', client ip, key hash, client device id.
        // The client address is checked first, in the same round trip: the rate limiter's block
        // (ipblock:{ip}) and a per-address limit (ratelimit:{ip}:heartbeat-ip, the keys RateLimiter uses).
        this.heartbeat = new LuaScript(prelude + """
                local ip = ARGV[2]
                local ipBlocked = redis.call('PTTL', 'ipblock:{' .. ip .. '}')
                if ipBlocked ~= -2 then
                  if ipBlocked < 0 then ipBlocked = 86400000 end
                  return {'ipblocked', ipBlocked}
                end
                local irl = 'ratelimit:{' .. ip .. '}:heartbeat-ip'
                local ipn = redis.call('INCR', irl)
                if ipn == 1 then redis.call('PEXPIRE', irl, %d) end
                if ipn > %d then
                  local ttl = redis.call('PTTL', irl)
                  if ttl < 0 then
                    redis.call('PEXPIRE', irl, %d)
                    ttl = %d
                  end
                  return {'iprate', ttl}
                end
                """.formatted(ipRule.window().toMillis(), ipRule.limit(), ipRule.window().toMillis(), ipRule.window().toMillis()) + """
                local sid
                local lkey
                if ARGV[1] == 'l' then
                  local lic = redis.call('GET', string.format(K_KEYHASH, ARGV[3]))
                  -- NO_LICENSE: a key hash recently looked up that names no license (LicenseSnapshots)
                  if not lic or lic == NO_LICENSE then return {'nolicense'} end
                  local dev = redis.call('GET', string.format(K_LOOKUP, lic, ARGV[4]))
                  if not dev then return {'nodevice', lic} end
                  lkey = string.format(K_LEGACY, dev)
                  sid = redis.call('GET', lkey)
                  if not sid then return {'nosession', lic, dev} end
                else
                  sid = ARGV[3]
                end
                local skey = string.format(K_SESSION, sid)
                local f = redis.call('HMGET', skey, 'lic', 'dev', 'acc', 'jti', 'last', 'mark', 'ended',
                  'exp', 'lexp', 'stream', 'usage', 'seq', 'lease_until')
                if not f[1] then
                  if f[7] then return {'ended', sid, f[7]} end
                  return {'gone', sid}
                end
                local lic, dev, acc, last, usage = f[1], f[2], f[3], f[5], f[11]
                local rl = string.format(K_RATE, dev)
                local n = redis.call('INCR', rl)
                if n == 1 then redis.call('PEXPIRE', rl, RATE_WINDOW) end
                if n > RATE_LIMIT then
                  local ttl = redis.call('PTTL', rl)
                  if ttl < 0 then
                    redis.call('PEXPIRE', rl, RATE_WINDOW)
                    ttl = RATE_WINDOW
                  end
                  return {'rate', ttl}
                end
                if f[7] then return {'ended', sid, f[7]} end
                local now = nowms()
                if now > tonumber(last) + CAP then
                  finish(sid, lic, dev, last, usage, 'timeout', tonumber(last))
                  return {'ended', sid, 'timeout'}
                end
                local function stop(reason, detail)
                  finish(sid, lic, dev, last, usage, reason, now)
                  return {'ended', sid, reason, detail or ''}
                end
                if now >= tonumber(f[8]) then return stop('expired') end
                local lexp = tonumber(f[9])
                if lexp > 0 and now >= lexp then return stop('license_expired') end
                -- the four flags other services push, in one command
                local flag = redis.call('MGET', string.format(K_BLACKLIST, f[4]), string.format(K_SUSPENDED, acc),
                  string.format(K_BLOCKED, dev), string.format(K_STATUS, lic))
                if flag[1] then return stop('revoked') end
                if flag[2] then return stop('account_suspended') end
                if flag[3] then return stop('blocked', flag[3]) end
                if flag[4] and flag[4] ~= 'ACTIVE' then return stop('license_' .. string.lower(flag[4])) end
                -- usage: whole seconds since the last credited instant, capped at the lease
                local mark = tonumber(f[6])
                local elapsed = now - mark
                local credited = 0
                if elapsed >= CAP then
                  credited = math.floor(CAP / 1000)
                  mark = now
                elseif elapsed >= 1000 then
                  credited = math.floor(elapsed / 1000)
                  mark = mark + credited * 1000
                end
                local lease = now + CAP
                -- one HSET instead of two HINCRBYs and a HSET: the script is atomic, so read-modify-write is safe.
                -- The lease ends at last + CAP, and the hash lives until the token expires (set by open).
                local seq = (tonumber(f[12]) or 0) + 1
                usage = (tonumber(usage) or 0) + credited
                redis.call('HSET', skey, 'last', fmt(now), 'mark', fmt(mark), 'seq', seq, 'usage', fmt(usage))
                if f[13] then
                  -- opened by a build that refreshed a short TTL on every beat: give it the token's life once
                  redis.call('HDEL', skey, 'lease_until')
                  keepUntilTokenExpiry(skey, f[8], now)
                end
                redis.call('ZADD', K_LEASES, lease, sid)
                redis.call('ZADD', string.format(K_SEATS, lic), 'XX', lease, sid)
                redis.call('SET', string.format(K_ONLINE, dev), sid, 'PX', CAP)
                redis.call('ZADD', K_ONLINE_ALL, lease, dev)
                local olic = string.format(K_ONLINE_LIC, lic)
                redis.call('ZADD', olic, lease, dev)
                if seq % 64 == 0 then redis.call('ZREMRANGEBYSCORE', olic, '-inf', '(' .. fmt(now)) end
                if lkey then redis.call('PEXPIRE', lkey, CAP) end
                """ + xadd() + """
                return {'ok', credited, usage}
                """);

        // ARGV: sid, reason. Returns {'closed', member} | {'ended', reason} | {'gone'}.
        this.end = new LuaScript(prelude + """
                local sid = ARGV[1]
                local f = redis.call('HMGET', string.format(K_SESSION, sid), 'lic', 'dev', 'last', 'usage', 'ended')
                if f[5] then return {'ended', f[5]} end
                if not f[1] then return {'gone'} end
                return {'closed', finish(sid, f[1], f[2], f[3], f[4], ARGV[2], nowms())}
                """);

        // ARGV: sid. Undoes open when the PostgreSQL insert failed: the session never existed.
        this.abort = new LuaScript(prelude + """
                local sid = ARGV[1]
                local skey = string.format(K_SESSION, sid)
                local f = redis.call('HMGET', skey, 'lic', 'dev')
                redis.call('ZREM', K_LEASES, sid)
                if f[1] then redis.call('ZREM', string.format(K_SEATS, f[1]), sid) end
                if f[2] then
                  local okey = string.format(K_ONLINE, f[2])
                  if redis.call('GET', okey) == sid then
                    redis.call('DEL', okey)
                    redis.call('ZREM', K_ONLINE_ALL, f[2])
                    redis.call('ZREM', string.format(K_ONLINE_LIC, f[1]), f[2])
                  end
                  local lkey = string.format(K_LEGACY, f[2])
                  if redis.call('GET', lkey) == sid then redis.call('DEL', lkey) end
                end
                redis.call('DEL', skey)
                return 1
                """);

        // No ARGV. Moves leases that ran out to the closing set (ended at the last beat); returns how many.
        this.reap = new LuaScript(prelude + """
                local now = nowms()
                local ids = redis.call('ZRANGEBYSCORE', K_LEASES, '-inf', '(' .. fmt(now), 'WITHSCORES', 'LIMIT', 0, BATCH)
                local n = 0
                for i = 1, #ids, 2 do
                  local sid = ids[i]
                  local f = redis.call('HMGET', string.format(K_SESSION, sid), 'lic', 'dev', 'last', 'usage', 'ended')
                  if f[5] then
                    redis.call('ZREM', K_LEASES, sid)
                  else
                    local last = f[3] and tonumber(f[3]) or (tonumber(ids[i + 1]) - CAP)
                    finish(sid, f[1], f[2], f[3], f[4], 'timeout', last)
                    n = n + 1
                  end
                end
                redis.call('ZREMRANGEBYSCORE', K_ONLINE_ALL, '-inf', '(' .. fmt(now))
                return n
                """);
    }

    /**
     * The heartbeat stream entry, field names from the {@link HeartbeatEntry} contract with stats-service.
     * No MAXLEN: only stats-service trims, below what every consumer group acknowledged.
     */
    private static String xadd() {
        return "redis.call('XADD', f[10], '*', '" + HeartbeatEntry.V + "', '1', '"
                + HeartbeatEntry.ID + "', sid .. ':' .. seq, '" + HeartbeatEntry.SESSION_ID + "', sid, '"
                + HeartbeatEntry.LICENSE_ID + "', lic, '" + HeartbeatEntry.ACCOUNT_ID + "', acc, '"
                + HeartbeatEntry.DEVICE_ID + "', dev, '" + HeartbeatEntry.TS + "', fmt(now), '"
                + HeartbeatEntry.SECONDS + "', credited, '" + HeartbeatEntry.SERVER + "', SERVER)\n";
    }

    private static String luaString(String s) {
        return s.replace("\\", "\\\\").replace("'", "\\'");
    }
}
