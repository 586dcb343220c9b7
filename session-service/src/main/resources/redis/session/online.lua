-- Who is online, read-only. A device is online while one of its sessions holds a live lease: the seat
-- scores (per license) and the lease sets (per partition) are lease ends, the device is in the session hash.
-- ARGV: listed, license id... -> per license {distinct devices, device id (at most listed)...}
--     | 'all', partition... -> distinct devices of every live lease of those partitions (admins' total;
--       O(live sessions); a device's sessions are all in its license's partition, so partitions add up)
-- On a Redis Cluster the caller passes licenses, or partitions, of one partition per call.
local now = '(' .. fmt(nowms())
local function devicesOf(p, key, seen, count, listed, ids)
  local sids = redis.call('ZRANGEBYSCORE', key, now, '+inf')
  for _, sid in ipairs(sids) do
    local dev = redis.call('HGET', string.format(K_SESSION, p, sid), 'dev')
    if dev and not seen[dev] then
      seen[dev] = true
      count = count + 1
      if ids and #ids < listed then ids[#ids + 1] = dev end
    end
  end
  return count
end
if ARGV[1] == 'all' then
  local count = 0
  for i = 2, #ARGV do count = count + devicesOf(ARGV[i], string.format(K_LEASES, ARGV[i]), {}, 0) end
  return count
end
local listed = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV do
  local p = partitionOf(ARGV[i])
  local ids = {}
  local count = devicesOf(p, string.format(K_SEATS, p, ARGV[i]), {}, 0, listed, ids)
  table.insert(ids, 1, count)
  out[#out + 1] = ids
end
return out
