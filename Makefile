# The two commands: `make run` (the demo on SQLite) and `make test` (the suite on PostgreSQL).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test lint format bench vocabulary

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py populatedb
	@echo ""
	@echo "  The shop is at http://127.0.0.1:$(PORT)/  (staff admin: http://127.0.0.1:$(PORT)/admin/)"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

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
