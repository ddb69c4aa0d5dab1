#!/usr/bin/env bash
# `make demo ENGINE=db|cache|cached_db|file|signed_cookies PORT=8000`: the demo Django site with the
# companion, on one session engine, ready for the extension built in dist/. Ctrl-C stops
# everything this script started (and nothing else). PORT (default 8000) is where the site listens.
set -euo pipefail
cd "$(dirname "$0")/.."

ENGINE=${1:-${ENGINE:-db}}
PORT=${PORT:-8000}
# The demo's environment: bin/ on macOS and Linux, Scripts/ on Windows (Git Bash).
PY=.venv/bin/python
[ -x "$PY" ] || PY=.venv/Scripts/python.exe
case $ENGINE in
  db | cache | cached_db | file | signed_cookies) ;;
  *) echo "usage: $0 db|cache|cached_db|file|signed_cookies" >&2; exit 2 ;;
esac
[ -x "$PY" ] || { echo "no .venv: run 'make demo' (or scripts/setup-python.sh demo) first" >&2; exit 1; }
[ -d dist/chrome ] && [ -d dist/firefox ] || { echo "no dist/chrome or dist/firefox: run 'make demo' (or npm run build)" >&2; exit 1; }

pids=()
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

export SESSIONLENS_DEMO_ENGINE=$ENGINE
if [ "$ENGINE" = cache ] && [ -z "${REDIS_URL:-}" ]; then
  command -v redis-server >/dev/null ||
    { echo "ENGINE=cache needs redis-server (Debian: apt-get install redis-server; macOS: brew install redis), or set REDIS_URL" >&2; exit 1; }
  # A private, in-memory redis on loopback: no snapshot, no AOF, gone when the demo stops.
  redis_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
  pids+=($!)
  export REDIS_URL=redis://127.0.0.1:$redis_port/0
fi

"$PY" demo/manage.py prepare_demo # migrations + user demo/demo; safe to run again
secret=$(PYTHONPATH=demo DJANGO_SETTINGS_MODULE=sessionlens_demo.settings \
  "$PY" -c 'from django.conf import settings; print(settings.SECRET_KEY)')

"$PY" demo/manage.py runserver "127.0.0.1:$PORT" --noreload &
pids+=($!)

url=http://127.0.0.1:$PORT/
# The banner once the server accepts connections: printed before, its URL could be opened (and
# fail) in the seconds runserver takes to start. A server that dies is reported by wait -n below.
for _ in $(seq 1 200); do
  (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && break
  kill -0 "${pids[-1]}" 2>/dev/null || break
  sleep 0.1
done
cat <<INFO

  Sessionlens demo — session engine: $ENGINE${REDIS_URL:+ (redis at $REDIS_URL)}
  Site:        $url      log in as demo / demo
  SECRET_KEY:  $secret
               (paste it in the panel's Keys tab to verify signed cookies)
  Chrome:      chrome://extensions → Developer mode → Load unpacked → $PWD/dist/chrome
  Firefox:     about:debugging → This Firefox → Load Temporary Add-on → $PWD/dist/firefox/manifest.json
  Then:        open $url, DevTools (F12) → "Django session" panel, click "Visit counter" a few times
               and watch visits_counter climb. Ctrl-C stops the demo.

INFO

if [ -n "${DISPLAY:-}" ] && [ "${OPEN_BROWSER:-0}" = 1 ]; then
  profile=$(mktemp -d)
  /usr/lib/chromium/chromium --user-data-dir="$profile" --no-first-run \
    --disable-extensions-except="$PWD/dist/chrome" --load-extension="$PWD/dist/chrome" \
    --auto-open-devtools-for-tabs "$url" >/dev/null 2>&1 &
  pids+=($!)
fi

wait -n "${pids[@]}" # returns when any of them exits (the server failing to start, say)
