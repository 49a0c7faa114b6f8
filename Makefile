# wesaid: the commands people type. `make help` lists them.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
WESAID := $(BIN)/wesaid
STAMP := $(VENV)/.installed
ASSETS := wesaid/static/build/wesaid.css
CATALOGUE := wesaid/locale/cy/LC_MESSAGES/django.mo
CHROMIUM ?= /usr/bin/chromium

.PHONY: help
help: ## List the commands
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("wesaid needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

node_modules/.package-lock.json: package.json
	npm ci --no-audit --no-fund || npm install --no-audit --no-fund
	touch node_modules/.package-lock.json

$(ASSETS): node_modules/.package-lock.json frontend/main.scss frontend/_wesaid.scss frontend/init.mjs frontend/build.mjs
	npm run --silent build

$(CATALOGUE): wesaid/locale/cy/LC_MESSAGES/django.po $(STAMP)
	$(WESAID) compiletranslations

.PHONY: install
install: $(STAMP) $(ASSETS) $(CATALOGUE) ## Install Python and npm packages, build assets and translations

.PHONY: assets
assets: node_modules/.package-lock.json ## Rebuild the stylesheet and scripts
	npm run --silent build

.PHONY: demo
demo: install ## Run the product with demo data on SQLite at http://127.0.0.1:8000
	$(WESAID) migrate --verbosity 0
	$(WESAID) demo
	$(WESAID) runserver 127.0.0.1:8000

.PHONY: lint
lint: $(STAMP) ## Check code style, import contracts, types and Django's own checks
	$(BIN)/ruff check wesaid tests benchmarks
	$(BIN)/ruff format --check wesaid tests benchmarks
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy
	$(WESAID) check --fail-level WARNING
	$(WESAID) makemigrations --check --dry-run --verbosity 0
	$(WESAID) datamap --check

.PHONY: system
system: ## Install Chromium and GNU gettext from Debian if missing (or say what to run)
	CHROMIUM=$(CHROMIUM) scripts/system-packages

.PHONY: test-fast
test-fast: install ## The fast suite (no browser)
	$(BIN)/python -m pytest -m "not browser" -n auto -q

.PHONY: test-browser
test-browser: install system ## Browser tests in real Chromium with axe-core
	$(BIN)/python -m pytest -m browser -q -p no:cacheprovider

.PHONY: test
test: install system lint ## Lint, the whole test suite and the browser tests
	$(BIN)/python -m pytest -m "not browser" -n auto -q
	$(MAKE) --no-print-directory test-browser

.PHONY: test-postgres
test-postgres: install ## The whole Django suite against PostgreSQL (DATABASE_URL)
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} $(BIN)/python -m pytest -m "not browser" -n auto -q

.PHONY: bench
bench: install ## Benchmarks (ratios against baselines measured in the same run)
	$(BIN)/python benchmarks/bench_change.py --check
	$(BIN)/python benchmarks/its_coverage.py --quick --check

.PHONY: messages
messages: $(STAMP) ## Extract strings for translation into the Welsh catalogue
	$(WESAID) makemessages -l cy --no-location --ignore=.venv --ignore=node_modules --ignore=tests \
		--ignore=benchmarks --ignore=var --ignore=frontend --ignore="wesaid/analysis/*"

.PHONY: clean
clean: ## Remove the virtualenv, node packages, built assets and the demo database
	rm -rf $(VENV) node_modules wesaid/static/build var
