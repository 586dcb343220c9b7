-- One validation's Redis work in one round trip (the rate limiter's rule is prepended, and the key
-- templates are compiled in by ValidationScript, which is the only reader of the answer):
-- the address's block and limit, the per-key limit, the key-hash index, the cached snapshot, and
-- the named device's binding and block flag.
-- KEYS: 1 ipblock:{ip}, 2 the address's counter, 3 the address's violations, 4 the key's counter
--   (for this address), 5 the key-hash index.
-- ARGV: 1 address limit (-1: counted before, by RateLimitFilter), 2 its window ms, 3 key limit,
--   4 its window ms, 5 violations that block, 6 violation window ms, 7 block ms,
--   8 client device id ('' = none named).
-- Returns {'blocked', pttl} | {'limited', 1 address | 2 key, count, pttl, state}
--   | {'ok', address count, address pttl, key count, key pttl, license id | NO_LICENSE | '' (not indexed),
--      snapshot | '' (not cached), device row | '' (not cached or none named), 1 blocked | 0}
local blocked = blockedFor(KEYS[1])
if blocked then return {'blocked', blocked} end
local ipCount, ipTtl = 0, 0
if tonumber(ARGV[1]) >= 0 then
  local state
  ipCount, ipTtl, state = countRequest(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[2], ARGV[5], ARGV[6], ARGV[7])
  if state > 0 then return {'limited', 1, ipCount, ipTtl, state} end
end
local keyCount, keyTtl, keyState = countRequest(KEYS[1], KEYS[4], KEYS[3], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7])
if keyState > 0 then return {'limited', 2, keyCount, keyTtl, keyState} end
local lic = redis.call('GET', KEYS[5])
if not lic or lic == '{{NO_LICENSE}}' then
  return {'ok', ipCount, ipTtl, keyCount, keyTtl, lic or '', '', '', 0}
end
local snapshot = redis.call('GET', string.format('{{K_SNAPSHOT}}', lic)) or ''
local row, rowBlocked = '', 0
if ARGV[8] ~= '' then
  row = redis.call('GET', string.format('{{K_LOOKUP}}', lic, ARGV[8])) or ''
  if row ~= '' then rowBlocked = redis.call('EXISTS', string.format('{{K_BLOCKED}}', row)) end
end
return {'ok', ipCount, ipTtl, keyCount, keyTtl, lic, snapshot, row, rowBlocked}
