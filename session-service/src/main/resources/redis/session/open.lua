-- Opens a session: takes a seat (atomically against the license's max seats) and writes its live state.
-- ARGV: sid, lic, dev, acc, jti, token exp ms, max seats (-1 = unlimited), stream, license exp ms, legacy 1|0,
-- lease partition
-- Returns {1, started ms} | {0, seats in use} | {2, sid of the legacy session another request opened}
-- | {3, block reason} | {4, license status}   (read by SessionLeases.open)
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
  'seq', 0, 'usage', 0, 'lp', ARGV[11])
keepUntilTokenExpiry(skey, ARGV[6], now)
-- the seat's score is the lease end: the seat set is also who is online on the license (OnlineResource)
redis.call('ZADD', seats, lease, sid)
redis.call('ZADD', leaseKey(ARGV[11]), lease, sid)
redis.call('SET', string.format(K_ONLINE, dev), sid, 'PX', CAP)
if ARGV[10] == '1' then redis.call('SET', lkey, sid, 'PX', CAP) end
return {1, fmt(now)}
