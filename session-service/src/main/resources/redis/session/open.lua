-- Opens a session: takes a seat (atomically against the license's max seats) and writes its live state.
-- ARGV: sid, lic, dev, acc, jti, token exp ms, max seats (-1 = unlimited), stream, license exp ms, legacy 1|0,
-- flags given 1|0, device block reason, license status   (flags given on a Redis Cluster: the caller read the
-- other services' keys, '' = absent; on standalone they are read here, in the same round trip)
-- Returns {1, started ms} | {0, seats in use} | {2, sid of the legacy session another request opened}
-- | {3, block reason} | {4, license status}   (read by SessionLeases.open)
local sid, lic, dev = ARGV[1], ARGV[2], ARGV[3]
local p = partitionOf(lic)
local lkey = string.format(K_LEGACY, p, dev)
if ARGV[10] == '1' then
  local existing = redis.call('GET', lkey)
  if existing then return {2, existing} end
end
-- the flags the owners push at commit time win over what PostgreSQL said a moment ago
local blocked, status
if ARGV[11] == '1' then
  if ARGV[12] ~= '' then blocked = ARGV[12] end
  if ARGV[13] ~= '' then status = ARGV[13] end
else
  blocked = redis.call('GET', string.format(K_BLOCKED, dev))
  status = redis.call('GET', string.format(K_STATUS, lic))
end
if blocked then return {3, blocked} end
if status and status ~= 'ACTIVE' then return {4, status} end
local now = nowms()
local seats = string.format(K_SEATS, p, lic)
-- a lease that ran out holds no seat, whether or not the reaper has closed it yet
redis.call('ZREMRANGEBYSCORE', seats, '-inf', '(' .. fmt(now))
local max = tonumber(ARGV[7])
if max >= 0 then
  local used = redis.call('ZCARD', seats)
  if used >= max then return {0, used} end
end
local lease = now + CAP
local skey = string.format(K_SESSION, p, sid)
redis.call('HSET', skey, 'lic', lic, 'dev', dev, 'acc', ARGV[4], 'jti', ARGV[5], 'exp', ARGV[6],
  'stream', ARGV[8], 'lexp', ARGV[9], 'started', fmt(now), 'last', fmt(now), 'mark', fmt(now),
  'seq', 0, 'usage', 0)
keepUntilTokenExpiry(skey, ARGV[6], now)
-- the seat's score is the lease end: the seat set is also who is online on the license (OnlineResource)
redis.call('ZADD', seats, lease, sid)
redis.call('ZADD', string.format(K_LEASES, p), lease, sid)
redis.call('SET', string.format(K_ONLINE, p, dev), sid, 'PX', CAP)
if ARGV[10] == '1' then redis.call('SET', lkey, sid, 'PX', CAP) end
return {1, fmt(now)}
