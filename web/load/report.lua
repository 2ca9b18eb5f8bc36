-- report.lua: print one machine-readable line per run (req/s, p50, p99 in
-- ms, errors), appended to wrk's own summary.
function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT req/s=%.0f p50=%.2fms p99=%.2fms requests=%d errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.requests, errors, summary.errors.status))
end
