#!/usr/bin/env bash
# bench-http.sh: the varied-URL HTTP benchmark of issue 12 (`make bench-http`).
#
# Builds the 1M-event database once from ../shared/bench/gen (the plain CSV,
# imported with `geoevents import`; kept in $BENCH_DIR for later runs), serves
# it with the real binary and the response cache off (`serve --cache 0`), and
# runs wrk with ../shared/bench/vary.lua on the four varied cases (a, a over
# Aleppo's dense core, b, c, c2) and on features by id, each request a fresh
# query. Prints one table: req/s, latencies, bytes per response, errors, the
# server's CPU milliseconds per request (steadier than req/s on a shared
# machine); then the server's peak RSS, its start time to the first 200 and
# the machine's load. Loopback only; everything it starts is stopped on exit.
#
#   make bench-http                       # 10 s per case after a 3 s warm-up
#   DURATION=20s N=1000000 make bench-http
#   PEER=http://127.0.0.1:9000 make bench-http   # also a running pg_featureserv on the same data
#   DB=postgres://user@127.0.0.1:5432/bench make bench-http   # serve from PostGIS: the SQLite
#                                         # database is copied there first (geoevents copy; resumable)
#
# The database is rebuilt when N or SEED change (a stamp file records them);
# a newer binary migrates it on first open. wrk: `apt-get install wrk`.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${SHARED:-$root/../shared}
N=${N:-1000000}
SEED=${SEED:-42}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
THREADS=${THREADS:-2}
CONNS=${CONNS:-16}
PORT=${PORT:-18090}
BENCH_DIR=${BENCH_DIR:-${TMPDIR:-/tmp}/geoevents-bench}
BIN=${BIN:-$root/bin/geoevents}
PEER=${PEER:-}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
[[ -d "$shared/bench/gen" ]] || { echo "no $shared/bench/gen: the shared benchmark data is missing" >&2; exit 1; }
[[ -x "$BIN" ]] || { echo "no $BIN: run make build first (make bench-http does)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
db="$BENCH_DIR/events-$N-$SEED.db"
work=$(mktemp -d "${TMPDIR:-/tmp}/geoevents-bench-http.XXXXXX")
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

load() { uptime | sed 's/.*load average: //'; }

# The database, once: generate the CSV, import it, keep it with a stamp.
stamp="$db.stamp"
if [[ ! -f "$db" || ! -f "$stamp" || "$(cat "$stamp")" != "$N $SEED" ]]; then
  rm -f "$db" "$db-wal" "$db-shm" "$stamp"
  echo "== generating $N events (seed $SEED) from $shared/bench/gen"
  (cd "$shared/bench/gen" && go run . -n "$N" -seed "$SEED") | sed '1s/^lon,lat,occurred_at,/lon,lat,time,/' > "$work/events.csv"
  echo "== importing into $db (load: $(load))"
  start=$(date +%s.%N)
  "$BIN" --db "$db" --log-level warn import "$work/events.csv" 2>&1 | grep -v 'rows loaded' || true
  end=$(date +%s.%N)
  rm -f "$work/events.csv"
  printf '== import: %.1f s, %.0f rows/s overall; %s bytes/event on disk\n' "$(echo "$end - $start" | bc)" \
    "$(echo "$N / ($end - $start)" | bc -l)" "$(( $(stat -c %s "$db") / N ))"
  echo "$N $SEED" > "$stamp"
fi

# PostGIS: the same events, copied over (a rerun copies nothing new).
if [[ -n "${DB:-}" ]]; then
  echo "== copying $db into PostGIS (load: $(load))"
  "$BIN" --log-level warn copy --from "$db" --to "$DB" 2>"$work/copy.log" || { cat "$work/copy.log" >&2; exit 1; }
  db=$DB
fi

base="http://127.0.0.1:$PORT"
start_server() {
  "$BIN" --db "$db" --log-level warn serve --addr "127.0.0.1:$PORT" --cache 0 --tiles none 2>"$work/server.log" &
  server_pid=$!
}
wait_ready() { # prints the milliseconds from $1 (date +%s%N) to the first 200
  local t0=$1
  for _ in $(seq 2000); do
    if curl -fsS -o /dev/null "$base/collections/events/items?limit=1" 2>/dev/null; then
      echo $(( ($(date +%s%N) - t0) / 1000000 ))
      return 0
    fi
    sleep 0.005
  done
  echo "server did not start:" >&2; cat "$work/server.log" >&2; exit 1
}

# Start to first 200 on the existing database, best of three starts.
best=""
for _ in 1 2 3; do
  t0=$(date +%s%N); start_server; ms=$(wait_ready "$t0")
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  if [[ -z "$best" || "$ms" -lt "$best" ]]; then best=$ms; fi
done
t0=$(date +%s%N); start_server; wait_ready "$t0" >/dev/null

# Ids for the by-id case: the newest 10,000 events.
curl -fsS "$base/collections/events/items?limit=10000&properties=" | grep -o '"id":"[^"]*"' | sed 's/"id":"//; s/"$//' > "$work/ids"

# cpu_ticks: the CPU time (user + system, in clock ticks) the server has used.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }

run() { # name, url, then env assignments for wrk
  local name=$1 url=$2; shift 2
  env "$@" VARY_SEED=7 wrk -t"$THREADS" -c"$CONNS" -d"$WARMUP" --timeout 30s -s "$script" "$url" >/dev/null
  local out t0="" t1=""
  # The server's CPU per request varies less with other processes' load
  # than req/s does (they take turns on the cores, not on the work); not
  # known for a peer.
  if [[ $name == geoevents* ]]; then t0=$(cpu_ticks); fi
  out=$(env "$@" wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --timeout 30s -s "$script" "$url" | grep '^RESULT')
  if [[ -n $t0 ]]; then t1=$(cpu_ticks); fi
  awk -v name="$name" -v t0="$t0" -v t1="$t1" -v hz="$(getconf CLK_TCK)" '{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    cpu = "-"
    if (t0 != "" && v["requests"] > 0) cpu = sprintf("%.2f", (t1 - t0) * 1000 / hz / v["requests"])
    printf "%-16s %9.0f %9.1f %9.1f %9.1f %10.0f %7d %7d %8s\n", name, v["rps"], v["p50_us"]/1000, v["p99_us"]/1000, v["max_us"]/1000, v["bytes_per_req"], v["non2xx"], v["sockerr"], cpu
  }' <<<"$out"
}

cases() { # label prefix, base URL, items path, time mode
  local who=$1 url=$2 path=$3 tmode=$4
  script="$shared/bench/vary.lua"
  run "$who a" "$url" VARY_CASE=a VARY_PATH="$path" VARY_TIME="$tmode"
  run "$who a-dense" "$url" VARY_CASE=a VARY_REGION_SMALL=36.86,35.90,37.46,36.50 VARY_PATH="$path" VARY_TIME="$tmode"
  run "$who b" "$url" VARY_CASE=b VARY_PATH="$path" VARY_TIME="$tmode"
  run "$who c" "$url" VARY_CASE=c VARY_PATH="$path" VARY_TIME="$tmode"
  run "$who c2" "$url" VARY_CASE=c2 VARY_PATH="$path" VARY_TIME="$tmode"
}

echo "== wrk -t$THREADS -c$CONNS, $WARMUP warm-up + $DURATION per case; $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); load before: $(load)"
printf '%-16s %9s %9s %9s %9s %10s %7s %7s %8s\n' case req/s p50_ms p99_ms max_ms bytes/req non2xx sockerr cpu_ms
cases geoevents "$base" /collections/events/items datetime
script="$here/ids.lua"
run "geoevents by id" "$base" IDS_FILE="$work/ids" IDS_PATH=/collections/events/items/
if [[ -n "$PEER" ]]; then
  cases peer "$PEER" /collections/public.events/items cql
  curl -fsS "$PEER/collections/public.events/items?limit=10000&properties=id" | grep -o '"id":[0-9]*' | sed 's/"id"://' > "$work/peer-ids"
  script="$here/ids.lua"
  run "peer by id" "$PEER" IDS_FILE="$work/peer-ids" IDS_PATH=/collections/public.events/items/
fi
rss=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
echo "== geoevents serve: peak RSS $(( rss / 1024 )) MB; start to first 200 on the existing database: $best ms (best of 3)"
echo "== load after: $(load) (other processes on the machine skew the figures)"
if grep -q 'level=ERROR' "$work/server.log"; then
  echo "server logged errors:"; grep 'level=ERROR' "$work/server.log" | head; exit 1
fi
