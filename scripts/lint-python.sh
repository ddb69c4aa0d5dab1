#!/usr/bin/env bash
# Ruff and mypy (strict) over every Python file of the repository, each under its project's
# config: companion/ and demo/ (their pyproject.toml, django-stubs' plugin on their settings),
# the rest under ruff.toml and mypy.ini (the vector generator, bench/, scripts/).
set -euo pipefail
cd "$(dirname "$0")/.."
MYPY_ROOTS=(test/generators bench scripts)
# A Python file outside every root would be linted by ruff but typed by nobody: name it.
untyped=$(git ls-files '*.py' | grep -Ev "^(companion/(src|tests|testing)|demo|$(IFS='|'; echo "${MYPY_ROOTS[*]}"))/" || true)
if [ -n "$untyped" ]; then
  printf 'lint-python: no mypy run covers these (add their folder to MYPY_ROOTS):\n%s\n' "$untyped" >&2
  exit 1
fi
.venv/bin/ruff check .
# Markdown is not Python: ruff would reformat the aligned comments of the READMEs' examples.
.venv/bin/ruff format --check --exclude '*.md' .
(cd companion && ../.venv/bin/mypy src tests testing)
(cd demo && ../.venv/bin/mypy .)
.venv/bin/mypy "${MYPY_ROOTS[@]}"
