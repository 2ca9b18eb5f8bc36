-- varied.lua: /api/events for a random 0.1° box inside Syria (limit 100),
-- so each request is a different query (no cache can help).
function init(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local lon = 36.0 + math.random() * 4.0
  local lat = 33.0 + math.random() * 4.0
  return wrk.format("GET", string.format("/api/events?bbox=%.4f,%.4f,%.4f,%.4f&limit=100", lon, lat, lon + 0.1, lat + 0.1))
end
