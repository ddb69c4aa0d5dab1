#!/usr/bin/env bash
# The companion and the demo: lint, types, then both suites on Django 5.2 (.venv) and 4.2 (.venv-dj42).
# Prints pytest's closing line for each run (the whole output when one fails); non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# run <label> <dir> <command...>: quiet on success, the full output on failure.
run() {
  local label=$1 dir=$2
  shift 2
  if (cd "$dir" && "$@") >"$log" 2>&1; then
    echo "ok   $label"
  else
    echo "FAIL $label"
    cat "$log"
    status=1
  fi
}

# pytest_run <label> <dir> <venv>: a heading, then pytest's own closing line
# ("===== 126 passed in 2.1s =====") as pytest prints it; the whole output when a run fails.
pytest_run() {
  local label=$1 dir=$2 venv=$3
  echo "---- $label"
  if (cd "$dir" && "../$venv/bin/pytest" -p no:cacheprovider) >"$log" 2>&1; then
    tail -n 1 "$log"
  else
    cat "$log"
    status=1
  fi
}

run "ruff check" . .venv/bin/ruff check companion/src companion/tests demo companion/testing
run "ruff format" . .venv/bin/ruff format --check companion/src companion/tests demo companion/testing
run "mypy (django-stubs)" companion ../.venv/bin/mypy src tests testing
for venv in .venv .venv-dj42; do
  version=$("$venv/bin/python" -c 'import django; print(django.get_version())')
  pytest_run "companion on Django $version" companion "$venv"
  pytest_run "demo on Django $version" demo "$venv"
done
exit $status
