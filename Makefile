# Development tasks. `make install` sets up .venv; the others use it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench clean

install: $(BIN)/audit

$(BIN)/audit: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/audit

demo: install
	$(BIN)/audit fixtures/seeds/pingfang-smart-city-2023-final.txt || true

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check auditor tests benchmarks

bench: install
	$(BIN)/python -m compileall -q auditor  # as an installed package would be: no compile at start-up
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
