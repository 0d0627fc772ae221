# The two commands: `make run` (the demo on SQLite) and `make test` (the suite on PostgreSQL).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run demo-reload test lint format bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

# Demo data is loaded once, into an empty shop; staff edits survive restarts.
run: $(VENV)/.installed
	@mkdir -p var
	@$(PY) manage.py rundemo --port $(PORT)

# Put the demo data back as shipped (reverts staff edits to demo products).
demo-reload: $(VENV)/.installed
	@mkdir -p var
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py populatedb

test: $(VENV)/.installed
	./scripts/ensure-system-packages.sh
	./scripts/ensure-services.sh
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
