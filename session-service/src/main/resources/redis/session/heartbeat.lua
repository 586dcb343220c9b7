-- One heartbeat, in one round trip on standalone Redis.
-- ARGV: 't', client ip, sid, lic | 'l', client ip, key hash, client device id
--     | 'c', sid, lic, legacy 1|0, revoked, suspended, blocked, status   (a Redis Cluster: the caller checked the
--       address with addresscheck.lua and read the other services' flags, '' = absent; see SessionLeases)
-- Standalone ('t', 'l') reads the other services' keys itself and appends the stream entry; on a cluster every
-- key touched here is in the license's session partition, and the entry is returned for the caller to XADD.
-- Returns (read by BeatResult, the only place that knows these positions):
-- {'ok', credited, usage[, stream, field, value, ...: cluster only]} | {'rate', pttl} | {'ipblocked', pttl}
-- | {'iprate', pttl} | {'ended', sid, reason[, detail]} | {'gone', sid} | legacy only: {'nolicense'}
-- | {'nodevice', lic} | {'nosession', lic, dev}
local mode = ARGV[1]
local sid, lic, p, lkey
if mode == 'l' then
  -- the address is checked before any look-up, so a blocked address learns nothing about keys
  local refused = ipBlocked(ARGV[2]) or ipLimited(ARGV[2])
  if refused then return refused end
  lic = redis.call('GET', string.format(K_KEYHASH, ARGV[3]))
  -- NO_LICENSE: a key hash recently looked up that names no license (LicenseSnapshots)
  if not lic or lic == NO_LICENSE then return {'nolicense'} end
  local dev = redis.call('GET', string.format(K_LOOKUP, lic, ARGV[4]))
  if not dev then return {'nodevice', lic} end
  p = partitionOf(lic)
  lkey = string.format(K_LEGACY, p, dev)
  sid = redis.call('GET', lkey)
  if not sid then return {'nosession', lic, dev} end
elseif mode == 't' then
  sid, lic = ARGV[3], ARGV[4]
  p = partitionOf(lic)
else
  sid, lic = ARGV[2], ARGV[3]
  p = partitionOf(lic)
end
local skey = string.format(K_SESSION, p, sid)
local f = redis.call('HMGET', skey, 'lic', 'dev', 'acc', 'jti', 'last', 'mark', 'ended',
  'exp', 'lexp', 'stream', 'usage', 'seq', 'lease_until')
local flag
if mode == 'c' then
  local function present(v) return v ~= '' and v end
  flag = {false, present(ARGV[5]), present(ARGV[6]), present(ARGV[7]), present(ARGV[8])}
  if ARGV[4] == '1' and f[2] then lkey = string.format(K_LEGACY, p, f[2]) end
else
  local ipBlockKey = 'ipblock:{' .. ARGV[2] .. '}'
  if f[1] then
    -- the address block and the four flags other services push, in one command
    flag = redis.call('MGET', ipBlockKey, string.format(K_BLACKLIST, f[4] or ''), string.format(K_SUSPENDED, f[3] or ''),
      string.format(K_BLOCKED, f[2]), string.format(K_STATUS, f[1]))
  end
  if mode == 't' then
    if not flag or flag[1] then
      local refused = ipBlocked(ARGV[2])
      if refused then return refused end
    end
    local refused = ipLimited(ARGV[2])
    if refused then return refused end
  end
end
if not f[1] then
  if f[7] then return {'ended', sid, f[7]} end
  return {'gone', sid}
end
local dev, acc, last, usage = f[2], f[3], f[5], f[11]
local rl = string.format(K_RATE, p, dev)
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
  finish(p, sid, lic, dev, last, usage, 'timeout', tonumber(last))
  return {'ended', sid, 'timeout'}
end
local function stop(reason, detail)
  finish(p, sid, lic, dev, last, usage, reason, now)
  return {'ended', sid, reason, detail or ''}
end
if now >= tonumber(f[8]) then return stop('expired') end
local lexp = tonumber(f[9])
if lexp > 0 and now >= lexp then return stop('license_expired') end
if flag[2] then return stop('revoked') end
if flag[3] then return stop('account_suspended') end
if flag[4] then return stop('blocked', flag[4]) end
if flag[5] and flag[5] ~= 'ACTIVE' then return stop('license_' .. string.lower(flag[5])) end
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
-- lease, seat and online state: the seat's score is the lease end and tells who is online on the license,
-- the partition's lease set is what the reaper scans, the flag is the device's online state
-- (device-service reads it); no global set is written
redis.call('ZADD', string.format(K_SEATS, p, lic), 'XX', lease, sid)
redis.call('ZADD', string.format(K_LEASES, p), lease, sid)
redis.call('SET', string.format(K_ONLINE, p, dev), sid, 'PX', CAP)
if lkey then redis.call('PEXPIRE', lkey, CAP) end
-- the stream entry: fields of the HeartbeatEntry contract with stats-service; no MAXLEN (only
-- stats-service trims, below what every consumer group acknowledged)
local entry = {'v', '1', 'id', sid .. ':' .. seq, 'session_id', sid, 'license_id', lic,
  'account_id', acc, 'device_id', dev, 'ts', fmt(now), 'seconds', credited, 'server', SERVER}
if mode == 'c' then
  -- the stream partition is in another slot: the caller appends it right after (SessionLeases)
  return {'ok', credited, usage, f[10], unpack(entry)}
end
redis.call('XADD', f[10], '*', unpack(entry))
return {'ok', credited, usage}
