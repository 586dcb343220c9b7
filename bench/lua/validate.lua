-- POST /api/v1/licenses/validate for many keys, each with a bound device (bench/.results/validate.tsv: key, device, product).
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
  i = (id or 1) * 104729 % #rows
  codes = {}
end
function request()
  i = i % #rows + 1
  local r = rows[i]
  local body = '{"key":"' .. r[1] .. '","device_id":"' .. r[2] .. '","product":"' .. r[3] .. '"}'
  return wrk.format("POST", "/api/v1/licenses/validate", { ["Content-Type"] = "application/json" }, body)
end
function response(status, headers, body)
  local c = string.match(body, '"code":"([%u_]+)"') or tostring(status)
  codes[c] = (codes[c] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("codes")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("answer %s %d\n", k, v)) end
end
