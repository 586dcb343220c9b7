-- POST /api/v1/devices/activate: new devices spread over many licenses (bench/.results/activate.tsv: key).
-- Each license allows a fixed number of devices; once full, answers are 409 DEVICE_LIMIT_REACHED.
package.path = package.path .. ";bench/lua/?.lua"
local common = require("common")
local rows, i, n, run
setup, done = common.setup, common.done
function init(args)
  rows = common.load(args[1])
  -- a tag per wrk run (warm-up and measured runs differ), so every run activates new devices
  run = (args[2] or "r") .. os.time()
  i = (id or 1) * 7919 % #rows
  n = 0
end
function request()
  i = i % #rows + 1
  n = n + 1
  local body = '{"license_key":"' .. rows[i][1] .. '","device_id":"b' .. run .. "-" .. id .. "-" .. n
      .. '","hwid":"HW' .. id .. "-" .. n .. '"}'
  return wrk.format("POST", "/api/v1/devices/activate", { ["Content-Type"] = "application/json" }, body)
end
function response(status, headers, body)
  common.tally(tostring(status))
end
