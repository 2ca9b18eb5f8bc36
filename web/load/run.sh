#!/usr/bin/env bash
# run.sh: the HTTP load benchmark of issue 6 (not part of go test).
#
# Builds web/load, imports N (default 1,000,000) generated events into a
# fresh SQLite file, serves it on 127.0.0.1, and runs wrk for DURATION
# (default 20s) per scenario, printing req/s and p50/p99 latency:
#   small bbox around Aleppo (limit 100), large bbox (limit 1000),
#   bbox + datetime, single feature by id, near + radius,
# each with the default 1 s response cache and again with it disabled
# (CACHE=0 skips the uncached pass), then a "reads while ingesting" run:
# wrk on varied bboxes while another process stores articles; it must
# report 0 errors. Loopback only; everything it starts is stopped on exit.
#
#   web/load/run.sh                 # full run, a few minutes
#   N=100000 DURATION=5s web/load/run.sh
set -euo pipefail

N=${N:-1000000}
DURATION=${DURATION:-20s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
PORT=${PORT:-18080}
CACHE=${CACHE:-1}
DB=${DB:-}

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d /tmp/geoevents-load.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
echo "== build"
(cd "$root" && go build -o "$work/load" ./web/load)

if [[ -z "$DB" ]]; then
  DB="$work/events.db"
  echo "== import $N events"
  "$work/load" import -db "$DB" -n "$N"
fi

base="http://127.0.0.1:$PORT"
start_server() { # $1: cache TTL (0s disables)
  "$work/load" serve -db "$DB" -addr "127.0.0.1:$PORT" -cache "$1" 2>"$work/server.log" &
  server_pid=$!
  for _ in $(seq 100); do
    curl -fsS "$base/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server did not start:" >&2; cat "$work/server.log" >&2; exit 1
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

cat "$here/by_id.lua" "$here/report.lua" > "$work/by_id.lua"
cat "$here/varied.lua" "$here/report.lua" > "$work/varied.lua"

bench() { # name, then wrk arguments; the last one is the URL
  local name=$1; shift
  local out url=${*: -1}
  # One warm-up request (fills the response cache or SQLite's page cache).
  curl -fsS -o /dev/null --max-time 120 "$url" || true
  # --timeout 10s: slow answers count in the latency figures instead of
  # being dropped as wrk "timeouts".
  out=$(N="$N" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 10s --latency "$@")
  printf '%-22s %s\n' "$name" "$(grep '^RESULT' <<<"$out" | sed 's/^RESULT //')"
}

scenarios() {
  bench small_bbox_aleppo -s "$here/report.lua" "$base/api/events?bbox=37.11,36.15,37.21,36.25&limit=100"
  bench large_bbox_1000 -s "$here/report.lua" "$base/api/events?bbox=35.5,32.5,42,37.5&limit=1000"
  bench bbox_datetime -s "$here/report.lua" "$base/api/events?bbox=36.5,35.5,37.5,36.5&datetime=2016-01-01/2016-12-31&limit=100"
  bench feature_by_id -s "$work/by_id.lua" "$base"
  bench near_radius -s "$here/report.lua" "$base/api/events?near=37.16,36.2&radius=10&limit=100"
}

echo "== wrk: $THREADS threads, $CONNS connections, $DURATION per scenario; $(nproc) CPUs, load:$(uptime | sed 's/.*load average://')"
echo "-- with the 1 s response cache (default)"
start_server 1s
scenarios
stop_server
if [[ "$CACHE" == 1 ]]; then
  echo "-- cache disabled (every request queries SQLite)"
  start_server 0s
  scenarios
  stop_server
fi

echo "-- reads while ingesting (cache disabled, varied bboxes)"
start_server 0s
"$work/load" ingest -db "$DB" -for "$DURATION" > "$work/ingest.log" 2>&1 &
ingest_pid=$!
bench reads_while_ingesting -s "$work/varied.lua" "$base"
wait "$ingest_pid" || { echo "ingest failed:"; cat "$work/ingest.log"; exit 1; }
cat "$work/ingest.log"
stop_server
echo "== done; load:$(uptime | sed 's/.*load average://') (other processes on this machine skew the figures)"
if grep -q 'level=ERROR' "$work/server.log"; then
  echo "server logged errors:"; grep 'level=ERROR' "$work/server.log" | head; exit 1
fi
