-- Heartbeats at a production-like pace: heartbeat.lua's requests, but each connection waits
-- args[2] milliseconds between requests (wrk's delay()), so that the whole run sends about
-- live sessions / interval beats a second: every session beats about once per interval, and a
-- batch the aggregator reads holds many distinct devices (bench/scale.py picks the delay).
dofile("bench/lua/heartbeat.lua")
local requestsOf = init
local pause
function init(args)
  requestsOf(args)
  pause = tonumber(args[2])
end
function delay()
  return pause
end
