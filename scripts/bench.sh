#!/usr/bin/env bash
# `make bench`: the core's decode/verify and check-keys throughput beside Django's own Python, the
# panel's weight, the companion endpoint beside a bare Django view.
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install tsx bench/decode.bench.ts
echo
"${SESSIONLENS_PYTHON:-.venv/bin/python}" bench/companion.py
echo
exec npx --no-install tsx bench/hostile.bench.ts
