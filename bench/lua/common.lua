-- Shared by the wrk scripts: read a data file (one record per line, tab-separated) prepared by bench.py.
local M = {}
function M.load(path)
  local rows = {}
  for line in io.lines(path) do
    local r = {}
    for f in string.gmatch(line, "[^\t]+") do r[#r + 1] = f end
    rows[#rows + 1] = r
  end
  return rows
end
return M
