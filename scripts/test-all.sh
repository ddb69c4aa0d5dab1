#!/usr/bin/env bash
# `make test`: every check the project claims, as CI runs it. Each step reads as a claim; each
# step's runner closes with its own line, and this script closes with one plain total:
# "N passed, N failed" — test cases counted from each runner, plus one per check without cases.
set -uo pipefail
cd "$(dirname "$0")/.."
logs=$(mktemp -d)
passed=0 failed=0 failed_steps=()

count() { # log-file kind -> "P F"
  local log=$1 kind=$2
  case $kind in
    vitest) node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log(r.numPassedTests, r.numFailedTests + (r.numFailedTestSuites || 0));' "$log.json" 2>/dev/null || echo "0 1" ;;
    pytest) awk '/[0-9]+ (passed|failed|errors?)/ && / in [0-9.]+s/ {
        if (match($0, /[0-9]+ passed/)) p += substr($0, RSTART, RLENGTH) + 0;
        if (match($0, /[0-9]+ failed/)) f += substr($0, RSTART, RLENGTH) + 0;
        if (match($0, /[0-9]+ error/)) f += substr($0, RSTART, RLENGTH) + 0; seen = 1 }
      END { if (!seen) f = 1; print p + 0, f + 0 }' "$log" ;;
    node) awk '/^(ℹ|#) pass [0-9]+/ {p += $3} /^(ℹ|#) fail [0-9]+/ {f += $3; seen = 1} END { if (!seen) f = 1; print p + 0, f + 0 }' "$log" ;;
    *) echo "1 0" ;;
  esac
}

step() { # claim kind command...
  local claim=$1 kind=$2; shift 2
  local log="$logs/$(echo "$claim" | tr -c 'a-zA-Z0-9' _).log"
  printf '\n\033[1m▶ %s\033[0m\n' "$claim"
  local start=$SECONDS
  VITEST_JSON="$log.json" "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]} p f
  read -r p f < <(count "$log" "$kind")
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  if [ "$kind" = check ]; then if [ "$rc" -eq 0 ]; then p=1 f=0; else p=0 f=1; fi; fi
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$f" -gt 0 ]; then failed_steps+=("$claim"); fi
  printf '  → %s: %d passed, %d failed (%ds)\n' "$claim" "$p" "$f" $((SECONDS - start))
}

tree_before=$(git status --porcelain)
step "code is formatted and linted (biome)" check npx biome ci .
step "TypeScript is strict; the core typechecks with no DOM or browser types" check npm run -s typecheck
step "every Python file passes ruff and strict mypy" check scripts/lint-python.sh
step "core runs in plain Node; panel and messaging units pass" vitest \
  sh -c 'npx vitest run --reporter=default --reporter=json --outputFile.json="$VITEST_JSON"'
step "test vectors are exactly what Django 3.2, 4.2 and 5.2 make" check scripts/vectors.sh check
step "companion serves every engine on Django 4.2, 5.2 (Python 3.11), 6.0 (3.12), 6.1 (3.13); SQLite and PostgreSQL" pytest \
  scripts/test-companion.sh
step "the companion's wheel and sdist pass twine check --strict; the sdist's own suite passes on the wheel" pytest \
  scripts/package-companion.sh
step "extension builds for Chrome and Firefox; web-ext lint has 0 errors" check scripts/build.sh
step "end to end: the demo's session stories in Chromium and Firefox ESR" node \
  node --import tsx --test --test-concurrency=1 --test-reporter=spec test/e2e/*.test.ts
# The suites leave the working tree as they found it: nothing tracked rewritten (a lock file, a
# vector), nothing new outside .gitignore (issue 15). A clean clone stays clean.
step "the suites leave the working tree as they found it (git status)" check \
  sh -c '[ "$(git status --porcelain)" = "$0" ] || { git status --short; exit 1; }' "$tree_before"

echo
if [ ${#failed_steps[@]} -gt 0 ]; then printf 'failed: %s\n' "${failed_steps[@]}"; fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
