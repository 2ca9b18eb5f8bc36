-- ids.lua: wrk script for the by-id case of bench-http.sh: GET one feature
-- by id, a random one of the ids listed (one per line) in the file named
-- by $IDS_FILE, so successive requests ask for different events. Prints
-- the same "RESULT key=value ..." line as ../shared/bench/vary.lua.
local path = os.getenv("IDS_PATH") or "/collections/events/items/"
local ids = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
end

function init(args)
  math.randomseed(42 + (tid or 0))
  for line in io.lines(os.getenv("IDS_FILE")) do
    if line ~= "" then ids[#ids + 1] = line end
  end
  if #ids == 0 then error("ids.lua: no ids in " .. tostring(os.getenv("IDS_FILE"))) end
end

request = function()
  return wrk.format("GET", path .. ids[math.random(1, #ids)])
end

function done(summary, latency, requests)
  local s = summary
  local secs = s.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d secs=%.3f rps=%.1f bytes_per_req=%.0f mean_us=%.0f p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d sockerr=%d timeouts=%d\n",
    s.requests, secs, s.requests / secs, (s.requests > 0) and (s.bytes / s.requests) or 0,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    s.errors.status, s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout, s.errors.timeout))
end
