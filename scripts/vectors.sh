#!/usr/bin/env bash
# Django-made test vectors (test/vectors/README.md).
#   scripts/vectors.sh write   regenerate test/vectors/*.json with Django 3.2, 4.2 and 5.2
#   scripts/vectors.sh check   regenerate into a temporary folder; exit 1 listing files that differ
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-check}
PYTHONS=(.venv-dj32/bin/python .venv-dj42/bin/python .venv/bin/python)
for py in "${PYTHONS[@]}"; do
  [ -x "$py" ] || { echo "vectors: $py missing (run: flock /tmp/py.lock scripts/setup-python.sh)" >&2; exit 2; }
done
generate() { # out-dir
  # A fixed hash seed keeps set iteration, hence pickle bytes, identical from run to run.
  for py in "${PYTHONS[@]}"; do
    PYTHONHASHSEED=0 "$py" companion/tools/make_vectors.py --out "$1"
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
    differ=()
    for f in "$tmp"/*.json test/vectors/*.json; do
      name=$(basename "$f")
      cmp -s "$tmp/$name" "test/vectors/$name" || differ+=("$name")
    done
    if [ ${#differ[@]} -gt 0 ]; then
      printf 'vectors differ from a fresh Django run (scripts/vectors.sh write):\n' >&2
      printf '%s\n' "${differ[@]}" | sort -u | sed 's/^/  test\/vectors\//' >&2
      exit 1
    fi
    echo "vectors: $(ls test/vectors/*.json | wc -l) files match real Django 3.2/4.2/5.2"
    ;;
  *) echo "usage: $0 write|check" >&2; exit 2 ;;
esac
