-- Ends a live session. ARGV: sid, reason. Returns {'closed', member} | {'ended', reason} | {'gone'}.
local sid = ARGV[1]
local f = redis.call('HMGET', string.format(K_SESSION, sid), 'lic', 'dev', 'last', 'usage', 'ended', 'lp')
if f[5] then return {'ended', f[5]} end
if not f[1] then return {'gone'} end
return {'closed', finish(sid, f[1], f[2], f[3], f[4], ARGV[2], nowms(), f[6])}
