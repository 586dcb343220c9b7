-- Heartbeats at a production-like pace: the same requests as heartbeat.lua, but each connection
-- waits args[2] milliseconds between requests (wrk's delay()), so that the whole run sends about
-- live sessions / interval beats a second: every session beats about once per interval, and a
-- batch the aggregator reads holds many distinct devices (bench/scale.py picks the delay).
package.path = package.path .. ";bench/lua/?.lua"
local common = require("common")
local requests, i, pause
setup = common.setup
function init(args)
  requests = {}
  for _, row in ipairs(common.load(args[1])) do
    requests[#requests + 1] = wrk.format("POST", "/api/v1/sessions/heartbeat", { ["Authorization"] = "Bearer " .. row[1] }, nil)
  end
  pause = tonumber(args[2])
  i = (id or 1) * 7919 % #requests
end
function request()
  i = i % #requests + 1
  return requests[i]
end
function delay()
  return pause
end
