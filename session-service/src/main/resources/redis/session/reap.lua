-- Moves leases that ran out to the closing set (ended at the last beat). No ARGV. Returns how many.
-- Scans every lease partition, then the global set of sessions opened before the partitions; at most
-- BATCH sessions per call (the reaper calls again while a call closes a full batch).
local now = nowms()
local n = 0
local budget = BATCH
local function reapSet(key)
  if budget <= 0 then return end
  local ids = redis.call('ZRANGEBYSCORE', key, '-inf', '(' .. fmt(now), 'WITHSCORES', 'LIMIT', 0, budget)
  for i = 1, #ids, 2 do
    local sid = ids[i]
    local f = redis.call('HMGET', string.format(K_SESSION, sid), 'lic', 'dev', 'last', 'usage', 'ended', 'lp')
    if f[5] then
      redis.call('ZREM', key, sid)
    else
      local last = f[3] and tonumber(f[3]) or (tonumber(ids[i + 1]) - CAP)
      finish(sid, f[1], f[2], f[3], f[4], 'timeout', last, f[6])
      -- finish removed it from its own set; a session is only ever in one
      redis.call('ZREM', key, sid)
      n = n + 1
    end
  end
  budget = budget - #ids / 2
end
for p = 0, LEASE_PARTITIONS - 1 do reapSet(K_LEASES .. ':' .. p) end
reapSet(K_LEASES)
return n
