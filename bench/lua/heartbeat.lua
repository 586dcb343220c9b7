-- POST /api/v1/sessions/heartbeat with one of many session tokens (bench/.results/tokens.tsv).
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
  statuses = {}
end
function request()
  i = i % #rows + 1
  return wrk.format("POST", "/api/v1/sessions/heartbeat", { ["Authorization"] = "Bearer " .. rows[i][1] }, nil)
end
function response(status, headers, body)
  local s = string.match(body, '"status":"(%a+)"') or tostring(status)
  statuses[s] = (statuses[s] or 0) + 1
end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("answer %s %d\n", k, v)) end
end
