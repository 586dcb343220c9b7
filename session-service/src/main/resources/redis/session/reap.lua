-- Moves leases that ran out to the closing set (ended at the last beat). No ARGV. Returns how many.
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
