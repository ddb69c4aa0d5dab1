# Sessionlens — `make help` lists the targets. The two that matter: `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv/bin
ENGINE ?= db

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

setup: node_modules/.installed python system ## install everything the project needs (idempotent)

# `npm ci`: exactly the committed lock, which lists every platform's Biome binary, so the clone
# stays clean (`npm install` may rewrite the lock). Re-run only when package.json or the lock change.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

python: ## Python environments: .venv (Django 5.2), .venv-dj42, .venv-dj60, .venv-dj61, .venv-dj32, .venv-sdist
	@scripts/setup-python.sh

system: ## Debian packages: chromium, firefox-esr, redis-server, zip
	@scripts/setup-system.sh

build: node_modules/.installed ## build dist/chrome, dist/firefox, their zips and the CLI
	@scripts/build.sh

demo: setup build ## build the extension, start the demo site with the companion (ENGINE=db|cache|cached_db|file|signed_cookies)
	@scripts/demo.sh $(ENGINE)

vectors: python ## regenerate test/vectors with real Django 3.2, 4.2 and 5.2
	@scripts/vectors.sh write

test: setup ## every check, as CI runs it; ends with "N passed, N failed"
	@scripts/test-all.sh

bench: setup build ## benchmarks that print figures (core vs Django's own Python)
	@scripts/bench.sh

clean: ## remove build output
	rm -rf dist artifacts

.PHONY: help setup python system build demo vectors test bench clean
