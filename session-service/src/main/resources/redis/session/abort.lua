-- Undoes open when the PostgreSQL insert failed: the session never existed. ARGV: sid. Returns 1.
local sid = ARGV[1]
local skey = string.format(K_SESSION, sid)
local f = redis.call('HMGET', skey, 'lic', 'dev', 'lp')
redis.call('ZREM', leaseKey(f[3]), sid)
if f[1] then redis.call('ZREM', string.format(K_SEATS, f[1]), sid) end
if f[2] then
  local okey = string.format(K_ONLINE, f[2])
  if redis.call('GET', okey) == sid then redis.call('DEL', okey) end
  local lkey = string.format(K_LEGACY, f[2])
  if redis.call('GET', lkey) == sid then redis.call('DEL', lkey) end
end
redis.call('DEL', skey)
return 1
