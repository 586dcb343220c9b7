-- POST /api/v1/sessions/heartbeat with one of many session tokens (bench/.results/tokens.tsv).
package.path = package.path .. ";bench/lua/?.lua"
local common = require("common")
local rows, i
setup, done = common.setup, common.done
function init(args)
  rows = common.load(args[1])
  i = (id or 1) * 7919 % #rows
end
function request()
  i = i % #rows + 1
  return wrk.format("POST", "/api/v1/sessions/heartbeat", { ["Authorization"] = "Bearer " .. rows[i][1] }, nil)
end
function response(status, headers, body)
  common.tally(string.match(body, '"status":"(%a+)"') or tostring(status))
end
