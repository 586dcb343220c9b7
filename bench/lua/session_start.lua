-- POST /api/v1/sessions (session start) over many (key, bound device) pairs; the licenses have no seat limit.
package.path = package.path .. ";bench/lua/?.lua"
local common = require("common")
local rows, i
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end
function init(args)
  rows = common.load(args[1])
  i = (id or 1) * 7919 % #rows
  codes = {}
end
function request()
  i = i % #rows + 1
  local r = rows[i]
  local body = '{"license_key":"' .. r[1] .. '","device_id":"' .. r[2] .. '","client_version":"1.0.0","language":"en"}'
  return wrk.format("POST", "/api/v1/sessions", { ["Content-Type"] = "application/json" }, body)
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
