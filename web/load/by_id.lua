-- by_id.lua: GET /api/events/{id} for random ids of the generated events
-- (ld0000000 … ld<N-1>); N comes from the environment (default 1,000,000).
local n = tonumber(os.getenv("N") or "1000000")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  math.randomseed(os.time() + (seed or 0))
end

function request()
  return wrk.format("GET", string.format("/api/events/ld%07d", math.random(0, n - 1)))
end
