-- One sweep of the given session partitions: moves leases that ran out to their partition's closing set
-- (ended at the last beat), then lists the oldest closing entries for the closer to write.
-- ARGV: partition... (standalone: all of them in one call; a Redis Cluster: one call per partition, one slot).
-- Returns {reaped, closing entry...}: at most BATCH of each (the reaper sweeps again while a list is full).
local now = nowms()
local n = 0
local budget = BATCH
for i = 1, #ARGV do
  if budget <= 0 then break end
  local p = ARGV[i]
  local key = string.format(K_LEASES, p)
  local ids = redis.call('ZRANGEBYSCORE', key, '-inf', '(' .. fmt(now), 'WITHSCORES', 'LIMIT', 0, budget)
  for j = 1, #ids, 2 do
    local sid = ids[j]
    local f = redis.call('HMGET', string.format(K_SESSION, p, sid), 'lic', 'dev', 'last', 'usage', 'ended')
    if f[5] then
      redis.call('ZREM', key, sid)
    else
      local last = f[3] and tonumber(f[3]) or (tonumber(ids[j + 1]) - CAP)
      -- finish removes it from the lease set
      finish(p, sid, f[1], f[2], f[3], f[4], 'timeout', last)
      n = n + 1
    end
  end
  budget = budget - #ids / 2
end
local out = {n}
for i = 1, #ARGV do
  if #out - 1 >= BATCH then break end
  local due = redis.call('ZRANGE', string.format(K_CLOSING, ARGV[i]), 0, BATCH - #out)
  for _, m in ipairs(due) do out[#out + 1] = m end
end
return out
