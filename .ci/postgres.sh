#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster for the tests, on 127.0.0.1 at a
# free port, in a temporary directory:
#
#   eval "$(.ci/postgres.sh start)"   # exports GEOEVENTS_TEST_POSTGRES and GEOEVENTS_PG_DIR
#   .ci/postgres.sh stop "$GEOEVENTS_PG_DIR"
#
# It uses the newest server in /usr/lib/postgresql/*/bin (Debian's
# postgresql and postgresql-NN-postgis-3 packages). As root, the server
# runs as the unprivileged postgres user (PostgreSQL refuses root). The
# cluster trusts local connections and skips fsync: it is for tests only.
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bindir" ]; then
	echo "postgres.sh: no PostgreSQL server in /usr/lib/postgresql/*/bin" >&2
	exit 1
fi

as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

case "${1:-}" in
start)
	dir=$(mktemp -d "${TMPDIR:-/tmp}/geoevents-pg.XXXXXX")
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	# A free port: nothing answers on it.
	for _ in $(seq 1 50); do
		port=$((20000 + RANDOM % 40000))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
			break
		fi
	done
	as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	as_pg "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
		-c "CREATE DATABASE geoevents" >/dev/null
	as_pg "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d geoevents -v ON_ERROR_STOP=1 \
		-c "CREATE EXTENSION postgis" -c "CREATE EXTENSION unaccent" >/dev/null
	echo "export GEOEVENTS_PG_DIR=$dir"
	echo "export GEOEVENTS_TEST_POSTGRES=postgres://postgres@127.0.0.1:$port/geoevents?sslmode=disable"
	;;
stop)
	dir=${2:-${GEOEVENTS_PG_DIR:-}}
	if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
		echo "postgres.sh stop: no cluster directory given" >&2
		exit 1
	fi
	as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
	rm -rf "$dir"
	;;
*)
	echo "usage: $0 start | stop DIR" >&2
	exit 2
	;;
esac
