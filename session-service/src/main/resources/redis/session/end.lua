-- Ends a live session. ARGV: sid, lic, reason. Returns {'closed', member} | {'ended', reason} | {'gone'}.
local sid, p = ARGV[1], partitionOf(ARGV[2])
local f = redis.call('HMGET', string.format(K_SESSION, p, sid), 'lic', 'dev', 'last', 'usage', 'ended')
if f[5] then return {'ended', f[5]} end
if not f[1] then return {'gone'} end
return {'closed', finish(p, sid, f[1], f[2], f[3], f[4], ARGV[3], nowms())}
