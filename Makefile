# Flankwatch: `make run` sets everything up and starts the dashboard; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STORE ?= $(or $(FLANKWATCH_DB),store/flankwatch.duckdb)
PORT ?= 8501

.PHONY: run install install-test store test test-fast lint bench score clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,scale]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## build the store from seeds/ when there is none
store: install
	@if [ ! -f "$(STORE)" ]; then echo "Building the store $(STORE) from seeds/ ..."; \
	  $(PY) -m core ingest seeds/ --db "$(STORE)"; fi

run: store
	FLANKWATCH_DB="$(STORE)" $(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

test: install-test
	$(PY) -m ruff check core dashboard tests benchmarks
	$(PY) -m pytest

test-fast: install-test
	$(PY) -m pytest -m "not browser and not slow"

lint: install-test
	$(PY) -m ruff check core dashboard tests benchmarks

score: install
	$(PY) ../shared/eval/score.py

bench: install-test
	$(PY) -m pip install --quiet -e '.[test,scale,bench]'
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) store test-output .pytest_cache
