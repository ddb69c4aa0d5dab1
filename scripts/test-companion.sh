#!/usr/bin/env bash
# The companion and the demo on the matrix (their lint and types: scripts/lint-python.sh) —
#   companion: Django 4.2 and 5.2 on Python 3.11, 6.0 on 3.12, 6.1 on 3.13, each on SQLite and on
#              PostgreSQL (a private server this script starts and stops), Redis for the cache engine
#   demo:      the same four Django versions, on SQLite
# Every run is `python -W error` (a leaked file, socket or a deprecation fails it). Prints pytest's
# closing line for each run (the whole output when one fails); non-zero on any failure.
# ENVS=".venv .venv-dj61" limits the Django versions; NO_POSTGRES=1 skips the PostgreSQL runs.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
log=$(mktemp)
pgdir=$(mktemp -d)
cleanup() {
  scripts/postgres-server.sh stop "$pgdir" || true
  rm -rf "$log" "$pgdir"
}
trap cleanup EXIT

# pytest_run <label> <dir> <venv>: a heading, then pytest's own closing line
# ("===== 126 passed in 2.1s =====") as pytest prints it; the whole output when a run fails.
pytest_run() {
  local label=$1 dir=$2 venv=$3
  echo "---- $label"
  if (cd "$dir" && "../$venv/bin/python" -W error -m pytest -p no:cacheprovider) >"$log" 2>&1; then
    tail -n 1 "$log"
  else
    cat "$log"
    status=1
  fi
}

postgres_url=
if [ "${NO_POSTGRES:-0}" != 1 ]; then
  if ! postgres_url=$(scripts/postgres-server.sh start "$pgdir" 2>"$log"); then
    echo "FAIL PostgreSQL server for the db and cached_db engines"
    cat "$log"
    status=1
    postgres_url=
  fi
fi

for venv in ${ENVS:-.venv-dj42 .venv .venv-dj60 .venv-dj61}; do
  if [ ! -x "$venv/bin/python" ]; then
    echo "FAIL $venv missing (run: scripts/setup-python.sh)"
    status=1
    continue
  fi
  versions=$("$venv/bin/python" -c 'import django, platform; print(f"Django {django.get_version()}, Python {platform.python_version()}")')
  pytest_run "companion on $versions, SQLite" companion "$venv"
  if [ -n "$postgres_url" ]; then
    SESSIONLENS_TEST_DATABASE_URL=$postgres_url pytest_run "companion on $versions, PostgreSQL" companion "$venv"
  fi
  pytest_run "demo on $versions, SQLite" demo "$venv"
done
exit $status
