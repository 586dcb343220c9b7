-- POST /api/v1/sessions (session start) over many (key, bound device) pairs; the licenses have no seat limit.
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
  local r = rows[i]
  local body = '{"license_key":"' .. r[1] .. '","device_id":"' .. r[2] .. '","client_version":"1.0.0","language":"en"}'
  return wrk.format("POST", "/api/v1/sessions", { ["Content-Type"] = "application/json" }, body)
end
function response(status, headers, body)
  common.tally(tostring(status))
end
