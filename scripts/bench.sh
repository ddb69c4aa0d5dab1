#!/usr/bin/env bash
# `make bench`: the core's decode/verify and check-keys throughput beside Django's own Python, the
# panel's weight, the companion endpoint beside a bare Django view.
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install tsx bench/decode.bench.ts
echo
"${SESSIONLENS_PYTHON:-.venv/bin/python}" bench/companion.py
echo
npx --no-install tsx bench/hostile.bench.ts
echo
# The decoder's fuzzing at a count make test cannot afford (issue 13): every property ×100.
echo "fuzzing: test/core/property.test.ts with FUZZ_SCALE=${FUZZ_SCALE:-100} (make test runs it at 1)"
FUZZ_SCALE=${FUZZ_SCALE:-100} exec npx --no-install vitest run test/core/property.test.ts
