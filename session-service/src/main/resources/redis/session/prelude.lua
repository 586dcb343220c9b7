-- Shared by every session script (prepended to each): the keys and settings, compiled in by
-- SessionScripts (the double-brace placeholders; one SHA per configuration), and the helpers.
-- Key templates are Lua string.format patterns ('%s' = the id); they are built from the same Java
-- key functions the other services use (RedisKeys, SessionKeys), so both sides name the same keys.
-- The session keys (K_SESSION, K_ONLINE, K_SEATS, K_LEGACY, K_RATE: (partition, id); K_LEASES, K_CLOSING:
-- (partition)) carry their license's session partition tag: everything a script writes is in one slot.
local K_SESSION = '{{K_SESSION}}'
local K_KEYHASH = '{{K_KEYHASH}}'
local K_LOOKUP = '{{K_LOOKUP}}'
local K_ONLINE = '{{K_ONLINE}}'
local K_BLOCKED = '{{K_BLOCKED}}'
local K_STATUS = '{{K_STATUS}}'
local K_BLACKLIST = '{{K_BLACKLIST}}'
local K_SUSPENDED = '{{K_SUSPENDED}}'
local K_SEATS = '{{K_SEATS}}'
local K_LEGACY = '{{K_LEGACY}}'
local K_RATE = '{{K_RATE}}'
local K_LEASES = '{{K_LEASES}}'
local K_CLOSING = '{{K_CLOSING}}'
local NO_LICENSE = '{{NO_LICENSE}}'
local CAP = {{CAP}}
local INTERVAL = {{INTERVAL}}
local HASH_TTL = {{HASH_TTL}}
local ENDED_TTL = {{ENDED_TTL}}
local RATE_LIMIT = {{RATE_LIMIT}}
local RATE_WINDOW = {{RATE_WINDOW}}
local SERVER = '{{SERVER}}'
local BATCH = {{BATCH}}
local PARTITIONS = {{PARTITIONS}}
local function nowms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function fmt(n) return string.format('%.0f', n) end
-- The session partition of a license: RedisKeys.sessionPartition (license id mod PARTITIONS).
local function partitionOf(lic) return fmt(tonumber(lic) % PARTITIONS) end
-- A session cannot outlive its token: its hash lives until then (ending shortens it to ENDED_TTL).
local function keepUntilTokenExpiry(skey, tokenExpMs, now)
  redis.call('PEXPIREAT', skey, fmt(math.max(tonumber(tokenExpMs), now) + HASH_TTL))
end
-- Ends a live session of partition p: frees its seat and lease, drops the online flag it holds and
-- queues the PostgreSQL write in the partition's closing set (drained by the reaper, retried until it succeeds).
-- The entry ends with the partition: the closer removes it from there (ClosingEntry).
local function finish(p, sid, lic, dev, last, usage, reason, endedMs)
  local skey = string.format(K_SESSION, p, sid)
  redis.call('HSET', skey, 'ended', reason)
  redis.call('PEXPIRE', skey, ENDED_TTL)
  redis.call('ZREM', string.format(K_LEASES, p), sid)
  if lic then redis.call('ZREM', string.format(K_SEATS, p, lic), sid) end
  if dev then
    local okey = string.format(K_ONLINE, p, dev)
    if redis.call('GET', okey) == sid then redis.call('DEL', okey) end
    local lkey = string.format(K_LEGACY, p, dev)
    if redis.call('GET', lkey) == sid then redis.call('DEL', lkey) end
  end
  local member = sid .. '|' .. reason .. '|' .. fmt(endedMs) .. '|' .. (last or '') .. '|' .. (usage or '0') .. '|' .. p
  redis.call('ZADD', string.format(K_CLOSING, p), endedMs, member)
  return member
end
