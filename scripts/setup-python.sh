#!/usr/bin/env bash
# Python environments, each made once and refreshed only when its requirements file or interpreter
# changes. Every environment names its interpreter: the vector generator needs Python 3.11 (Django
# 3.2 does not run on 3.13), and a test run must not depend on whatever `python3` happens to be.
#   .venv       Python 3.11, Django 5.2 LTS + the companion (editable) + test and lint tools; runs the demo
#   .venv-dj42  Python 3.11, Django 4.2 LTS + the companion, for the companion suite on the older LTS
#   .venv-dj60  Python 3.12, Django 6.0 + the companion, for the companion suite
#   .venv-dj61  Python 3.13, Django 6.1 + the companion, for the companion suite
#   .venv-dj32  Python 3.11, Django 3.2, used only by the vector generator (legacy sha1 / pre-3.1 formats, pickle)
#   .venv-sdist Python 3.10, Django 4.2, no companion: the built wheel is installed here and the sdist's tests run
# PYTHON311=/path/to/python3.11 (likewise PYTHON310, PYTHON312, PYTHON313) overrides where it is found.
set -euo pipefail
cd "$(dirname "$0")/.."

# python_for X.Y: an interpreter of exactly that minor version — pyenv's if pyenv has one, else
# pythonX.Y on PATH. Says what to install when there is none.
python_for() {
  local want=$1 candidate
  local override_var="PYTHON${want//./}"
  for candidate in "${!override_var:-}" \
    "$( (pyenv prefix "$want" 2>/dev/null || true) | head -n 1)/bin/python$want" \
    "$(command -v "python$want" || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    if "$candidate" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$want'.split('.'))))" 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "setup: Python $want not found (pyenv install $want, or your system's python$want; or set $override_var)" >&2
  return 1
}

make_env() { # name python-version requirements-file
  local env=$1 req=$3 stamp="$1/.requirements.sha" py
  py=$(python_for "$2")
  local want; want=$( (cat "$req" companion/pyproject.toml; "$py" -c 'import sys; print(sys.version)') | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "setup: python environment $env (Python $2, $req)"
  # A different interpreter cannot be swapped into an existing venv: start over.
  if [ -x "$env/bin/python" ] && ! "$env/bin/python" -c "import sys; sys.exit(sys.version_info[:2] != tuple(map(int, '$2'.split('.'))))"; then
    rm -rf "$env"
  fi
  [ -x "$env/bin/python" ] || "$py" -m venv "$env"
  "$env/bin/python" -m pip install -q --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
}
make_env .venv 3.11 requirements/django52.txt
make_env .venv-dj42 3.11 requirements/django42.txt
make_env .venv-dj60 3.12 requirements/django60.txt
make_env .venv-dj61 3.13 requirements/django61.txt
make_env .venv-dj32 3.11 requirements/django32.txt
make_env .venv-sdist 3.10 requirements/sdist.txt
