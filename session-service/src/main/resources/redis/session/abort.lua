-- Undoes open when the PostgreSQL insert failed: the session never existed. ARGV: sid, lic. Returns 1.
local sid, lic = ARGV[1], ARGV[2]
local p = partitionOf(lic)
local skey = string.format(K_SESSION, p, sid)
local dev = redis.call('HGET', skey, 'dev')
redis.call('ZREM', string.format(K_LEASES, p), sid)
redis.call('ZREM', string.format(K_SEATS, p, lic), sid)
if dev then
  local okey = string.format(K_ONLINE, p, dev)
  if redis.call('GET', okey) == sid then redis.call('DEL', okey) end
  local lkey = string.format(K_LEGACY, p, dev)
  if redis.call('GET', lkey) == sid then redis.call('DEL', lkey) end
end
redis.call('DEL', skey)
return 1
