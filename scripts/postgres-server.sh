#!/usr/bin/env bash
# A private PostgreSQL server for one test run, in a temporary folder, on a free loopback port.
#   scripts/postgres-server.sh start DIR   initdb + start in DIR (must be empty or absent); prints the
#                                          postgres:// URL (a superuser, trust auth, loopback only)
#   scripts/postgres-server.sh stop DIR    stop it; the caller removes DIR
# initdb and postgres refuse to run as root: as root, the server runs as the `postgres` user
# (Debian's postgresql package creates it); as anyone else, as that user.
set -euo pipefail
mode=${1:-} dir=${2:-}
[ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

bindir() {
  local d
  d=$(pg_config --bindir 2>/dev/null || true)
  [ -x "$d/initdb" ] || d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$d/initdb" ] || d=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
  if [ ! -x "$d/initdb" ]; then
    echo "postgres: PostgreSQL's initdb not found (Debian: apt-get install postgresql, or make system;" \
      "macOS: brew install postgresql@17)" >&2
    return 1
  fi
  echo "$d"
}

as_owner=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "postgres: running as root and there is no postgres user to run the server" >&2; exit 1; }
  if command -v runuser >/dev/null; then as_owner=(runuser -u postgres --); else as_owner=(sudo -u postgres); fi
fi

case $mode in
  start)
    bin=$(bindir)
    mkdir -p "$dir"
    [ ${#as_owner[@]} -eq 0 ] || chown postgres "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    if ! "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U sessionlens -A trust -E UTF8 --no-sync \
      >"$dir/initdb.log" 2>&1; then
      cat "$dir/initdb.log" >&2
      exit 1
    fi
    # Durability is irrelevant for a throwaway test server; the socket lives in DIR, not /run.
    if ! "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null; then
      cat "$dir/server.log" >&2
      exit 1
    fi
    echo "postgres://sessionlens@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -d "$dir/data" ] || exit 0
    "${as_owner[@]}" "$(bindir)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
