#!/usr/bin/env bash
# `make build`: dist/chrome, dist/firefox and the CLI (npm run build), their zips in artifacts/,
# and web-ext lint on the Firefox build, which must report 0 errors. Warnings are allowed: preact's
# own runtime trips one UNSAFE_VAR_ASSIGNMENT that is not ours to fix.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(node -p 'require("./package.json").version')

npm run -s build
touch dist/.built # `make demo` rebuilds only when a source is newer than this

# What the stores show and enforce: homepage and author in both, Chrome 119+ (partitioned cookies).
node -e '
  const read = (t) => JSON.parse(require("fs").readFileSync(`dist/${t}/manifest.json`, "utf8"));
  const pkg = require("./package.json");
  const problems = [];
  for (const t of ["chrome", "firefox"]) {
    const m = read(t);
    if (m.homepage_url !== pkg.homepage) problems.push(`${t}: homepage_url ${m.homepage_url}`);
    if (typeof m.author !== "string" || !m.author) problems.push(`${t}: author ${JSON.stringify(m.author)}`);
  }
  if (read("chrome").minimum_chrome_version !== "119") problems.push("chrome: minimum_chrome_version is not 119");
  if ("minimum_chrome_version" in read("firefox")) problems.push("firefox: carries minimum_chrome_version");
  if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
'

# npm pack ships the CLI and nothing else: no sources, no tests.
packed=$(npm pack --dry-run --json --ignore-scripts 2>/dev/null | node -e '
  console.log(JSON.parse(require("fs").readFileSync(0, "utf8"))[0].files.map((f) => f.path).sort().join(" "))')
if [ "$packed" != "LICENSE README.md dist/cli/sessionlens.mjs package.json" ]; then
  echo "npm pack would ship: $packed" >&2
  exit 1
fi

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
