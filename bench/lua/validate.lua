-- POST /api/v1/licenses/validate for many keys, each with a bound device (bench/.results/pairs.tsv: key, device, product).
package.path = package.path .. ";bench/lua/?.lua"
local common = require("common")
local rows, i
setup, done = common.setup, common.done
function init(args)
  rows = common.load(args[1])
  i = (id or 1) * 104729 % #rows
end
function request()
  i = i % #rows + 1
  local r = rows[i]
  local body = '{"key":"' .. r[1] .. '","device_id":"' .. r[2] .. '","product":"' .. r[3] .. '"}'
  return wrk.format("POST", "/api/v1/licenses/validate", { ["Content-Type"] = "application/json" }, body)
end
function response(status, headers, body)
  common.tally(string.match(body, '"code":"([%u_]+)"') or tostring(status))
end
