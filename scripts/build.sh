#!/usr/bin/env bash
# `make build`: dist/chrome, dist/firefox and the CLI (npm run build), their zips in artifacts/,
# and web-ext lint on the Firefox build, which must report 0 errors. Warnings are allowed: preact's
# own runtime trips one UNSAFE_VAR_ASSIGNMENT that is not ours to fix.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p 'require("./package.json").version')

npm run -s build
touch dist/.built # `make demo` rebuilds only when a source is newer than this

mkdir -p artifacts
rm -f "artifacts/sessionlens-chrome-$version.zip" "artifacts/sessionlens-firefox-$version.zip"
(cd dist/chrome && zip -qr -X "../../artifacts/sessionlens-chrome-$version.zip" .)
npx web-ext build --source-dir dist/firefox --artifacts-dir artifacts \
  --filename "sessionlens-firefox-{version}.zip" --overwrite-dest >/dev/null

lint=$(npx web-ext lint --source-dir dist/firefox --output json --boring)
errors=$(node -e 'const r = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log(r.count === undefined ? -1 : r.summary.errors)' <<<"$lint")
warnings=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(0, "utf8")).summary.warnings)' <<<"$lint")
if [ "$errors" != 0 ]; then
  npx web-ext lint --source-dir dist/firefox --boring
  echo "web-ext lint: $errors errors" >&2
  exit 1
fi
echo "web-ext lint: 0 errors, $warnings warnings"
ls -1 artifacts/*"$version".zip
