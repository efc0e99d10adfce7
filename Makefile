# Flankwatch: `make run` sets everything up and starts the dashboard; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STORE ?= $(or $(FLANKWATCH_DB),store/flankwatch.duckdb)
PORT ?= 8501

UV ?= uv
# Both lock files cover every Python the package supports (--universal) and pin with hashes.
LOCK_FLAGS := --universal --python-version 3.11 --generate-hashes --annotation-style line \
	--custom-compile-command "make lock"

.PHONY: run install install-test store test test-fast lint typecheck bench score clean lock

# Dependencies come from the lock files (exact versions, hashes checked); the project itself is
# installed on top of them without resolving anything again.
$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-dev.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

## re-pin the lock files from PyPI at the versions installed in .venv (needs uv: pip install uv)
lock:
	$(PY) -m pip freeze --exclude-editable > $(VENV)/installed-versions.txt
	$(UV) pip compile pyproject.toml $(LOCK_FLAGS) -c $(VENV)/installed-versions.txt -o requirements.lock
	$(UV) pip compile pyproject.toml --extra test --extra scale $(LOCK_FLAGS) \
	  -c $(VENV)/installed-versions.txt -o requirements-dev.lock

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
	$(PY) -m mypy
	$(PY) -m pytest

test-fast: install-test
	$(PY) -m pytest -m "not browser and not slow"

lint: install-test
	$(PY) -m ruff check core dashboard tests benchmarks

typecheck: install-test
	$(PY) -m mypy

score: install
	$(PY) ../shared/eval/score.py

bench: install-test
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) store test-output .pytest_cache
