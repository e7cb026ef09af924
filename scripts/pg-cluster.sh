#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the PostgreSQL tests: `start DIR` makes one in DIR
# (initdb), starts it on a Unix socket in DIR and a free local port, and prints the URL
# to use as MLOPS_DASH_TEST_POSTGRES; `stop DIR` stops it and removes DIR.
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

bindir=""
for candidate in /usr/lib/postgresql/*/bin; do [ -x "$candidate/initdb" ] && bindir="$candidate"; done
if [ -z "$bindir" ] && command -v initdb >/dev/null 2>&1; then bindir="$(dirname "$(command -v initdb)")"; fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    dir="$2"
    [ -n "$bindir" ] || { echo "no PostgreSQL server binaries (initdb) found" >&2; exit 1; }
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bindir/initdb" -D "$dir/data" -U mlops --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    # Tests need no durability; benchmarks (PG_DURABLE=1) keep the server's defaults.
    durability="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    [ "${PG_DURABLE:-0}" = 1 ] && durability="-c shared_buffers=1GB -c max_wal_size=8GB"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $durability -c max_connections=60" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bindir/createdb" -h 127.0.0.1 -p "$port" -U mlops mlops_test
    echo "postgresql://mlops@127.0.0.1:$port/mlops_test"
    ;;
  stop)
    dir="$2"
    [ -d "$dir/data" ] && as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR | stop DIR" >&2; exit 2 ;;
esac
