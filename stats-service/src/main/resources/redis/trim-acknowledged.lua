-- Trims one stream partition below what every consumer group has acknowledged, atomically (one key,
-- so one slot in a cluster). KEYS[1] = the partition.
-- A group's floor: its oldest pending entry (read, not acknowledged) if it has one, else the entry
-- after its last-delivered-id (everything up to that one was delivered and acknowledged).
-- The partition is trimmed by XTRIM MINID to the lowest floor of all groups; with no group at all
-- nothing has been acknowledged, so nothing is trimmed.
-- Returns {trimmed, length after, minid or '', backlog, slowest group or ''}: backlog = the largest
-- pending + lag of any group (entries some group has not acknowledged yet), at most the length.
local key = KEYS[1]
if redis.call('EXISTS', key) == 0 then return {0, 0, '', 0, ''} end
local len = redis.call('XLEN', key)
local groups = redis.call('XINFO', 'GROUPS', key)
if #groups == 0 then return {0, len, '', len, ''} end

local function parse(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end
local function less(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  return am < bm or (am == bm and as < bs)
end
local function after(id)
  local ms, seq = parse(id)
  return string.format('%.0f', ms) .. '-' .. string.format('%.0f', seq + 1)
end

local minid, backlog, slowest = nil, -1, ''
for _, g in ipairs(groups) do
  local f = {}
  for i = 1, #g, 2 do f[g[i]] = g[i + 1] end
  local pending = tonumber(f['pending'])
  local floor
  if pending > 0 then
    floor = redis.call('XPENDING', key, f['name'])[2]
  else
    floor = after(f['last-delivered-id'])
  end
  if minid == nil or less(floor, minid) then minid = floor end
  -- lag is nil (false here) when Redis cannot tell it (entries deleted out of order): the length bounds it
  local lag = f['lag']
  local behind = pending + (lag and tonumber(lag) or len)
  if behind > len then behind = len end
  if behind > backlog then backlog, slowest = behind, f['name'] end
end
local trimmed = redis.call('XTRIM', key, 'MINID', minid)
return {trimmed, len - trimmed, minid, backlog, slowest}
