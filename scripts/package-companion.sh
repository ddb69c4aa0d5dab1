#!/usr/bin/env bash
# The companion as it would be published: build its wheel and sdist (dist/companion/), check them
# (twine check --strict, then scripts/check-companion-dist.py for the contents), install the wheel
# into .venv-sdist (Python 3.10, Django 4.2: the oldest pair it supports) with its own `test` extra,
# and run the suite carried by the unpacked sdist against that installed wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
out=dist/companion
for py in .venv/bin/python .venv-sdist/bin/python; do
  [ -x "$py" ] || { echo "package: $py missing (run: scripts/setup-python.sh)" >&2; exit 2; }
done

# companion/LICENSE is a copy (the package must carry its own, and symlinks do not survive Windows).
cmp -s LICENSE companion/LICENSE || { echo "package: companion/LICENSE differs from LICENSE" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rm -rf "$out"
# The sdist first, then the wheel built from the unpacked sdist (build's default): proves the sdist
# alone is enough to build. Each in an isolated environment with only the declared setuptools>=77.
if ! .venv/bin/python -m build --outdir "$out" companion >"$tmp/build.log" 2>&1; then
  cat "$tmp/build.log"
  exit 1
fi
.venv/bin/twine check --strict "$out"/*
.venv/bin/python scripts/check-companion-dist.py "$out"

wheel=$PWD/$(ls "$out"/django_sessionlens-*.whl)
py=$PWD/.venv-sdist/bin/python
tar -xzf "$out"/django_sessionlens-*.tar.gz -C "$tmp"
# test_contract.py compares with the repository's test/contract/ (two levels above its tests/).
mkdir -p "$tmp/test" && cp -r test/contract "$tmp/test/contract"
# The requirements file as constraints: the test extra (django-redis 7, say) must not upgrade Django.
"$py" -m pip install -q --disable-pip-version-check "$wheel[test]" -c requirements/sdist.txt
"$py" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "$wheel"
cd "$tmp"/django_sessionlens-*/
echo "---- the sdist's own suite on the installed wheel: $("$py" -c 'import django, platform; print(f"Django {django.get_version()}, Python {platform.python_version()}")')"
# -rs: skipped tests say why; the contract check must not be one of them here.
if "$py" -W error -m pytest -p no:cacheprovider -rs >"$tmp/pytest.log" 2>&1 &&
  ! grep -q "no contract files" "$tmp/pytest.log"; then
  tail -n 1 "$tmp/pytest.log"
else
  cat "$tmp/pytest.log"
  exit 1
fi
