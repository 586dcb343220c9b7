-- Who is online, read-only. A device is online while one of its sessions holds a live lease: the seat
-- scores (per license) and the lease sets (per partition) are lease ends, the device is in the session hash.
-- ARGV: listed, license id... -> per license {distinct devices, device id (at most listed)...}
--     | 'all' -> distinct devices of every live lease (admins' total; O(live sessions))
local now = '(' .. fmt(nowms())
local function devicesOf(key, seen, count, listed, ids)
  local sids = redis.call('ZRANGEBYSCORE', key, now, '+inf')
  for _, sid in ipairs(sids) do
    local dev = redis.call('HGET', string.format(K_SESSION, sid), 'dev')
    if dev and not seen[dev] then
      seen[dev] = true
      count = count + 1
      if ids and #ids < listed then ids[#ids + 1] = dev end
    end
  end
  return count
end
if ARGV[1] == 'all' then
  -- a device's sessions share its partition, but old sessions sit in the global set: one seen-table for all
  local seen, count = {}, 0
  for p = 0, LEASE_PARTITIONS - 1 do count = devicesOf(K_LEASES .. ':' .. p, seen, count) end
  return devicesOf(K_LEASES, seen, count)
end
local listed = tonumber(ARGV[1])
local out = {}
for i = 2, #ARGV do
  local ids = {}
  local count = devicesOf(string.format(K_SEATS, ARGV[i]), {}, 0, listed, ids)
  table.insert(ids, 1, count)
  out[#out + 1] = ids
end
return out
