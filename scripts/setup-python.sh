#!/usr/bin/env bash
# Python environments, each made once and refreshed only when its requirements file or interpreter
# changes. Every environment names its interpreter: the vector generator needs Python 3.11 (Django
# 3.2 does not run on 3.13), and a test run must not depend on whatever `python3` happens to be.
#   scripts/setup-python.sh demo   .venv only — what `make demo` needs (any Python 3.10–3.13, 3.11 preferred)
#   scripts/setup-python.sh [all]  every environment below, each on its own Python (`make setup`, `make test`)
#   .venv       Python 3.11, Django 5.2 LTS + the companion (editable) + test and lint tools; runs the demo
#   .venv-dj42  Python 3.11, Django 4.2 LTS + the companion, for the companion suite on the older LTS
#   .venv-dj60  Python 3.12, Django 6.0 + the companion, for the companion suite
#   .venv-dj61  Python 3.13, Django 6.1 + the companion, for the companion suite
#   .venv-dj32  Python 3.11, Django 3.2, used only by the vector generator (legacy sha1 / pre-3.1 formats, pickle)
#   .venv-sdist Python 3.10, Django 4.2, no companion: the built wheel is installed here and the sdist's tests run
# PYTHON311=/path/to/python3.11 (likewise PYTHON310, PYTHON312, PYTHON313) overrides where it is found.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}

# venv_python ENV: the environment's interpreter (bin/ on POSIX, Scripts/ on Windows).
venv_python() {
  if [ -x "$1/Scripts/python.exe" ]; then echo "$1/Scripts/python.exe"; else echo "$1/bin/python"; fi
}

# python_for X.Y: the path of an interpreter of exactly that minor version — $PYTHONXY, pyenv's,
# pythonX.Y on PATH, or the Windows launcher's `py -X.Y`. Empty when there is none.
python_for() {
  local want=$1 override_var="PYTHON${1//./}" check
  check="import sys; v = sys.version_info; print(sys.executable) if f'{v[0]}.{v[1]}' == '$want' else sys.exit(1)"
  local prefix; prefix=$( (pyenv prefix "$want" 2>/dev/null || true) | head -n 1)
  local -a candidates=()
  [ -n "${!override_var:-}" ] && candidates+=("${!override_var}")
  [ -n "$prefix" ] && candidates+=("$prefix/bin/python$want")
  candidates+=("python$want")
  local candidate
  for candidate in "${candidates[@]}"; do
    command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c "$check" 2>/dev/null && return 0
  done
  command -v py >/dev/null 2>&1 && py "-$want" -c "$check" 2>/dev/null && return 0
  return 0
}

make_env() { # name requirements-file python-version... (the first one found is used)
  local env=$1 req=$2 py="" version
  shift 2
  for version in "$@"; do
    py=$(python_for "$version")
    [ -n "$py" ] && break
  done
  if [ -z "$py" ]; then
    echo "setup: $env needs Python $*; none found." >&2
    echo "  Debian/Ubuntu: pyenv install $1 (or apt-get install python$1 where packaged)" >&2
    echo "  macOS:         brew install python@$1 (or pyenv install $1)" >&2
    echo "  Windows:       the python.org installer for $1 (the py launcher finds it)" >&2
    echo "  or point PYTHON${1//./} at one" >&2
    exit 1
  fi
  local stamp="$env/.requirements.sha" want inputs=("$req") version_of='import sys; print(sys.version)'
  # The companion's pyproject.toml matters only to the environments that install the companion.
  grep -q '\./companion' "$req" && inputs+=(companion/pyproject.toml)
  want=$( (cat "${inputs[@]}"; "$py" -c "$version_of") | sha256sum | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "setup: python environment $env ($("$py" -c 'import platform; print("Python", platform.python_version())'), $req)"
  # A venv is tied to the interpreter that made it: another one means starting over.
  if [ -e "$env" ] && [ "$("$(venv_python "$env")" -c "$version_of" 2>/dev/null)" != "$("$py" -c "$version_of")" ]; then
    rm -rf "$env"
  fi
  [ -x "$(venv_python "$env")" ] || "$py" -m venv "$env"
  "$(venv_python "$env")" -m pip install -q --disable-pip-version-check -r "$req"
  echo "$want" > "$stamp"
}

case $mode in
  demo)
    # The demo runs on any Python Django 5.2 supports; `all` later replaces a non-3.11 .venv.
    make_env .venv requirements/django52.txt 3.11 3.12 3.13 3.10
    ;;
  all)
    make_env .venv requirements/django52.txt 3.11
    make_env .venv-dj42 requirements/django42.txt 3.11
    make_env .venv-dj60 requirements/django60.txt 3.12
    make_env .venv-dj61 requirements/django61.txt 3.13
    make_env .venv-dj32 requirements/django32.txt 3.11
    make_env .venv-sdist requirements/sdist.txt 3.10
    ;;
  *) echo "usage: $0 [all|demo]" >&2; exit 2 ;;
esac
