-- wrk script for reliability/soak.sh. Reads the file named by SOAK_URLS, one
-- request per line as "<encoding><TAB><path>", where <encoding> is "identity"
-- (no Accept-Encoding header) or the Accept-Encoding value to send. The
-- requests are built once per thread and then sent in turn; each thread
-- starts at a different place in the list.
local requests = {}
local index = 0
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  local file = assert(io.open(os.getenv("SOAK_URLS"), "r"))
  for line in file:lines() do
    local encoding, path = line:match("^([^\t]+)\t(.+)$")
    if path then
      local headers = {}
      if encoding ~= "identity" then
        headers["Accept-Encoding"] = encoding
      end
      requests[#requests + 1] = wrk.format("GET", path, headers)
    end
  end
  file:close()
  assert(#requests > 0, "no requests in " .. os.getenv("SOAK_URLS"))
  index = ((id or 0) * 7) % #requests
end

function request()
  index = index % #requests + 1
  return requests[index]
end
