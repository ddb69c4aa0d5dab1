# Sessionlens — `make help` lists the targets. The two that matter: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
ENGINE ?= db

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: node_modules/.installed python system ## install everything `make test` needs (idempotent)

# `npm ci`: exactly the committed lock, which lists every platform's Biome binary, so the clone
# stays clean (`npm install` may rewrite the lock). Re-run only when package.json or the lock change.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

python: ## Python environments: .venv (Django 5.2), .venv-dj42, .venv-dj60, .venv-dj61, .venv-dj32, .venv-sdist
	@scripts/setup-python.sh all

system: ## system packages for the tests: browsers, Redis, PostgreSQL, zip (apt-get; elsewhere, says what is missing)
	@scripts/setup-system.sh test

build: node_modules/.installed ## build dist/chrome, dist/firefox, their zips and the CLI; web-ext lint
	@scripts/build.sh

# The extension the demo loads, rebuilt only when a source of it changed (tests are not sources).
EXTENSION_SOURCES := $(shell find src public -type f -not -name '*.test.*') \
	package.json manifest.config.ts vite.config.ts scripts/build-cli.mjs
dist/.built: node_modules/.installed $(EXTENSION_SOURCES)
	npm run -s build
	@touch $@

# Only what the demo uses: npm packages, the .venv environment (Django 5.2), Redis for ENGINE=cache.
demo: demo-system node_modules/.installed dist/.built ## the demo site + companion (ENGINE=db|cache|cached_db|file|signed_cookies, PORT=8000)
	@scripts/setup-python.sh demo
	@scripts/demo.sh $(ENGINE)

# First, so a missing Node or Python is named before npm or pip is run.
demo-system:
	@scripts/setup-system.sh demo $(ENGINE)

vectors: python ## regenerate test/vectors with real Django 3.2, 4.2 and 5.2
	@scripts/vectors.sh write

test: setup ## every check, as CI runs it; ends with "N passed, N failed"
	@scripts/test-all.sh

lint: node_modules/.installed ## Biome, TypeScript (strict, three projects), ruff and mypy over every Python file
	npx biome ci .
	npm run -s typecheck
	scripts/lint-python.sh

unit: node_modules/.installed ## the vitest projects: core (plain Node) and ui (happy-dom)
	npx vitest run

companion: python ## the companion and demo suites on the Django × Python × database matrix
	@scripts/test-companion.sh

E2E ?= test/e2e/*.test.ts
e2e: setup build ## end-to-end in real Chromium and Firefox ESR (E2E=test/e2e/<file>.test.ts for one file)
	node --import tsx --test --test-concurrency=1 --test-reporter=spec $(E2E)

bench: setup build ## benchmarks that print figures (core vs Django's own Python)
	@scripts/bench.sh

clean: ## remove build output
	rm -rf dist artifacts

.PHONY: help setup python system build demo demo-system vectors test lint unit companion e2e bench clean
