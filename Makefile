# Development tasks. `make install` sets up .venv; the others use it.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo test lint bench fuzz clean

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
	$(BIN)/python benchmarks/growth.py
	$(BIN)/python benchmarks/hostile.py

# The fuzz suite in its slow mode: thousands of hostile inputs (CI runs a few hundred in `make test`).
fuzz: install
	FUZZ_CASES=$${FUZZ_CASES:-3000} $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
