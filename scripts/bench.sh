#!/usr/bin/env bash
# `make bench`: the core's decode/verify and check-keys throughput beside Django's own Python.
set -euo pipefail
cd "$(dirname "$0")/.."
npx --no-install tsx bench/decode.bench.ts
echo
exec npx --no-install tsx bench/hostile.bench.ts
