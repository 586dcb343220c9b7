-- The rate limiter's rule, written once and composed into every script that limits (RateLimiter's
-- own, license-service's validation): an address with a block key is refused; otherwise one request
-- is counted in a fixed window, and an address whose requests keep being refused is blocked.
-- Returns the block's remaining ms, or nil when the address is not blocked.
local function blockedFor(blockKey)
  local blocked = redis.call('PTTL', blockKey)
  if blocked == -2 then return nil end
  if blocked == -1 then return 86400000 end
  return blocked
end
-- Counts one request on counter (limit and window ms); over the limit, counts a violation of the
-- address (violations, kept violationWindow ms) and blocks it (blockKey, blockMs) at maxViolations.
-- Returns count, pttl of the window, 0 | 1 violation | 2 newly blocked.
local function countRequest(blockKey, counter, violations, limit, window, maxViolations, violationWindow, blockMs)
  local count = redis.call('INCR', counter)
  local ttl = redis.call('PTTL', counter)
  if ttl < 0 then
    redis.call('PEXPIRE', counter, window)
    ttl = tonumber(window)
  end
  if count > tonumber(limit) then
    local v = redis.call('INCR', violations)
    if v == 1 then redis.call('PEXPIRE', violations, violationWindow) end
    if v >= tonumber(maxViolations) then
      redis.call('SET', blockKey, '1', 'PX', blockMs)
      redis.call('DEL', violations)
      return count, ttl, 2
    end
    return count, ttl, 1
  end
  return count, ttl, 0
end
