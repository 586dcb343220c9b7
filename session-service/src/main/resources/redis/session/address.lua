-- The client address's checks, shared by heartbeat.lua (standalone: in the same round trip) and
-- addresscheck.lua (a Redis Cluster: its own call, since both keys share the {ip} tag and not the session's):
-- the rate limiter's block (ipblock:{ip}) and a per-address limit (ratelimit:{ip}:heartbeat-ip, RateLimiter's keys).
local function ipBlocked(ip)
  local ttl = redis.call('PTTL', 'ipblock:{' .. ip .. '}')
  if ttl == -2 then return nil end
  if ttl < 0 then ttl = 86400000 end
  return {'ipblocked', ttl}
end
local function ipLimited(ip)
  local irl = 'ratelimit:{' .. ip .. '}:heartbeat-ip'
  local ipn = redis.call('INCR', irl)
  if ipn == 1 then redis.call('PEXPIRE', irl, {{IP_WINDOW}}) end
  if ipn <= {{IP_LIMIT}} then return nil end
  local ttl = redis.call('PTTL', irl)
  if ttl < 0 then
    redis.call('PEXPIRE', irl, {{IP_WINDOW}})
    ttl = {{IP_WINDOW}}
  end
  return {'iprate', ttl}
end
