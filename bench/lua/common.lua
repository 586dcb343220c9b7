-- Shared by the wrk scripts: data files prepared by bench.py (one record per line,
-- tab-separated), per-thread answer tallies, and the summary lines bench.py parses.
local M = {}
local threads = {}
local counter = 0

function M.load(path)
  local rows = {}
  for line in io.lines(path) do
    local r = {}
    for f in string.gmatch(line, "[^\t]+") do r[#r + 1] = f end
    rows[#rows + 1] = r
  end
  return rows
end

-- wrk's setup(): numbers the threads so each starts at another row.
function M.setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

-- Called from a thread's response(): counts one answer under a label.
function M.tally(label)
  answers = answers or {}
  answers[label] = (answers[label] or 0) + 1
end

-- wrk's done(): "answer <label> <count>" per label over all threads.
function M.done()
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("answers") or {}) do total[k] = (total[k] or 0) + v end
  end
  for k, v in pairs(total) do io.write(string.format("answer %s %d\n", k, v)) end
end

return M
