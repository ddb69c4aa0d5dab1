#!/usr/bin/env bash
# Python environments, each made once and refreshed only when its requirements file changes:
#   .venv       Django 5.2 LTS + the companion (editable) + test and lint tools; runs the demo
#   .venv-dj42  Django 4.2 LTS + the companion, for the companion suite on the older LTS
#   .venv-dj32  Django 3.2, used only by the vector generator (legacy sha1 / pre-3.1 formats, pickle)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
make_env() { # name requirements-file
  local env=$1 req=$2 stamp="$1/.requirements.sha"
  local want; want=$(cat "$req" companion/pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "setup: python environment $env ($req)"
  [ -x "$env/bin/python" ] || "$PY" -m venv "$env"
  "$env/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
}
make_env .venv requirements/django52.txt
make_env .venv-dj42 requirements/django42.txt
make_env .venv-dj32 requirements/django32.txt
