# Open Hromada — every command a developer or CI needs. Creates its own virtualenv in .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=
PORT ?= 8000

.PHONY: demo screenshots install install-test test test-fast lint format messages openapi bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## Run the platform with demo data on SQLite at http://127.0.0.1:$(PORT) (make demo PORT=8080)
demo: install
	$(BIN)/openhromada demo --port $(PORT)

## Screenshots of the main pages (phone and desktop) for the README, from a fresh demo
screenshots: install-test
	$(BIN)/python tools/screenshots.py

## The whole test suite (browser tests need /usr/bin/chromium; set DATABASE_URL for PostgreSQL)
test: install-test
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install-test
	$(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Update both catalogues after changing user-facing strings (then translate what it lists)
messages: install-test
	DJANGO_SETTINGS_MODULE=openhromada.settings $(BIN)/python tools/i18n.py

## Regenerate the committed OpenAPI document after a deliberate API change (review the diff)
openapi: install
	$(BIN)/openhromada openapi

bench: install-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var build *.egg-info
