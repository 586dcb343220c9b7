-- POST /api/v1/sessions/heartbeat with one of many session tokens (bench/.results/tokens.tsv).
-- The requests are built once in init() and no response() callback is defined: per-request Lua
-- in wrk costs the load generator (on the same two cores) more than a heartbeat costs the
-- service. bench.py checks the answers instead by how many beats Redis credited (session seq).
package.path = package.path .. ";bench/lua/?.lua"
local common = require("common")
local requests, i
setup = common.setup
function init(args)
  requests = {}
  for _, row in ipairs(common.load(args[1])) do
    requests[#requests + 1] = wrk.format("POST", "/api/v1/sessions/heartbeat", { ["Authorization"] = "Bearer " .. row[1] }, nil)
  end
  i = (id or 1) * 7919 % #requests
end
function request()
  i = i % #requests + 1
  return requests[i]
end
