# The two commands: `make run` (the demo on SQLite) and `make test` (the suite on PostgreSQL).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The suite runs on both cores; PYTEST_ARGS="" runs it in one process.
PYTEST_ARGS ?= -n 2

.PHONY: run demo-reload test lint format bench vocabulary

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

# Regenerate the disease names built from ICD-10-CM after editing
# compliance/rules/vocabulary.py or upgrading simple-icd-10-cm.
vocabulary: $(VENV)/.installed
	$(PY) -c "from compliance.rules.vocabulary import icd_condition_names_write as w; w()"

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
