-- POST /api/v1/devices/activate: new devices spread over many licenses (bench/.results/activate.tsv: key).
-- Each license allows a fixed number of devices; once full, answers are 409 DEVICE_LIMIT_REACHED.
package.path = package.path .. ";bench/lua/?.lua"
local common = require("common")
local rows, i, n
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  rows = common.load(args[1])
  run = args[2] or "r"
  i = (id or 1) * 7919 % #rows
  n = 0
  codes = {}
end
function request()
  i = i % #rows + 1
  n = n + 1
  local body = '{"license_key":"' .. rows[i][1] .. '","device_id":"b' .. run .. "-" .. id .. "-" .. n .. '","hwid":"HW' .. id .. "-" .. n .. '"}'
  return wrk.format("POST", "/api/v1/devices/activate", { ["Content-Type"] = "application/json" }, body)
end
function response(status, headers, body)
  codes[status] = (codes[status] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("codes")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("answer %s %d\n", k, v)) end
end
