#!/usr/bin/env bash
# Django-made test vectors (test/vectors/README.md).
#   scripts/vectors.sh write   regenerate test/vectors/*.json and test/vectors/fixtures/*.json with Django 3.2, 4.2 and 5.2
#   scripts/vectors.sh check   regenerate into a temporary folder; exit 1 listing files that differ
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
PYTHONS=(.venv-dj32/bin/python .venv-dj42/bin/python .venv/bin/python)
# The generator runs on Python 3.11 (scripts/setup-python.sh makes these environments with it):
# Django 3.2 does not run on 3.13, and one interpreter for all three keeps the files comparable.
for py in "${PYTHONS[@]}"; do
  [ -x "$py" ] || { echo "vectors: $py missing (run: scripts/setup-python.sh)" >&2; exit 2; }
  "$py" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' ||
    { echo "vectors: $py is not Python 3.11 (run: scripts/setup-python.sh)" >&2; exit 2; }
done
generate() { # out-dir
  # A fixed hash seed keeps set iteration, hence pickle bytes, identical from run to run.
  for py in "${PYTHONS[@]}"; do
    PYTHONHASHSEED=0 "$py" test/generators/make_vectors.py --out "$1"
  done
}
case $mode in
  write)
    find test/vectors -name '*.json' -delete
    generate test/vectors
    ;;
  check)
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    generate "$tmp" 2>/dev/null
    # Compared as JSON, not bytes, ignoring the "python" field (which interpreter wrote them).
    if ! differ=$(.venv/bin/python test/generators/same_vectors.py "$tmp" test/vectors); then
      printf 'vectors differ from a fresh Django run (scripts/vectors.sh write):\n' >&2
      sed 's/^/  test\/vectors\//' <<<"$differ" >&2
      exit 1
    fi
    echo "vectors: $(ls test/vectors/*.json test/vectors/fixtures/*.json | wc -l) files match real Django 3.2/4.2/5.2"
    ;;
  *) echo "usage: $0 write|check" >&2; exit 2 ;;
esac
