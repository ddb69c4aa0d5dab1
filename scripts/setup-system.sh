#!/usr/bin/env bash
# What the project needs from the system, by purpose — and no more:
#   scripts/setup-system.sh demo [ENGINE]  Node 20+ and Python 3.10+ (checked, not installed), and
#                                          redis-server only when ENGINE=cache (`make demo`)
#   scripts/setup-system.sh test           also Chromium, Firefox ESR, Redis, PostgreSQL, zip and a
#                                          font for the screenshots (`make setup`, `make test`)
# With apt-get (Debian, Ubuntu) the missing packages are installed; elsewhere the missing ones are
# listed with their Homebrew names and the script stops. Quiet when everything is there.
set -euo pipefail
mode=${1:-test} engine=${2:-db}

node_ok() { command -v node >/dev/null && [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ]; }
python_ok() {
  local p
  for p in python3.11 python3.12 python3.13 python3.10 python3 python py; do
    command -v "$p" >/dev/null 2>&1 &&
      "$p" -c 'import sys; sys.exit(not (3, 10) <= sys.version_info[:2] <= (3, 13))' 2>/dev/null && return 0
  done
  return 1
}
chromium_ok() { [ -x /usr/lib/chromium/chromium ]; }
firefox_ok() { [ -x /usr/lib/firefox-esr/firefox-esr ]; }
redis_ok() { command -v redis-server >/dev/null; }
postgres_ok() {
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null ||
    [ -x "$(pg_config --bindir 2>/dev/null)/initdb" ]
}
zip_ok() { command -v zip >/dev/null; }
fonts_ok() { fc-list 2>/dev/null | grep -qi dejavu; }

# Each need: check | Debian package (empty: not from apt) | what to install elsewhere.
needs=()
needs+=("node_ok||Node.js 20 or later: https://nodejs.org or brew install node")
needs+=("python_ok||Python 3.10-3.13: brew install python@3.11 or https://www.python.org")
if [ "$mode" = test ]; then
  needs+=("chromium_ok|chromium|Chromium: brew install --cask chromium")
  needs+=("firefox_ok|firefox-esr|Firefox ESR: brew install --cask firefox@esr")
  needs+=("redis_ok|redis-server|Redis (redis-server): brew install redis")
  needs+=("postgres_ok|postgresql|PostgreSQL (initdb, pg_ctl): brew install postgresql@17")
  needs+=("zip_ok|zip|zip: part of macOS; elsewhere your package manager's zip")
  needs+=("fonts_ok|fonts-dejavu-core|DejaVu fonts: brew install --cask font-dejavu")
elif [ "$mode" = demo ]; then
  [ "$engine" = cache ] && needs+=("redis_ok|redis-server|Redis (redis-server): brew install redis")
else
  echo "usage: $0 demo [ENGINE] | test" >&2
  exit 2
fi

apt=() missing=()
for need in "${needs[@]}"; do
  IFS='|' read -r check package elsewhere <<<"$need"
  "$check" && continue
  if [ -n "$package" ] && command -v apt-get >/dev/null; then apt+=("$package"); else missing+=("$elsewhere"); fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: missing on this machine (install them, then run make again):" >&2
  printf '  - %s\n' "${missing[@]}" >&2
  exit 1
fi
[ ${#apt[@]} -eq 0 ] && exit 0
echo "setup: installing Debian packages: ${apt[*]}"
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${apt[@]}" >/dev/null
