-- wrk script: cycles through the URL paths in the file named by the
-- BENCH_PATHS environment variable, one request each, with optional
-- extra headers from BENCH_ACCEPT_ENCODING.
local paths = {}
local index = 0

local file = assert(io.open(os.getenv("BENCH_PATHS"), "r"))
for line in file:lines() do
  if line ~= "" then paths[#paths + 1] = line end
end
file:close()

local encoding = os.getenv("BENCH_ACCEPT_ENCODING")
if encoding and encoding ~= "" then
  wrk.headers["Accept-Encoding"] = encoding
end

request = function()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
