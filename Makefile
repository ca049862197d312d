# lieguan — the two commands of the README, and the benchmark.
#   make demo   set up, build db/lieguan.db from corpus/, serve the catalogue on http://127.0.0.1:8001
#   make test   set up, run the test suite
#   make bench  set up, print the benchmark table

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= db/lieguan.db
PORT ?= 8001

.PHONY: demo test bench setup system-deps clean

demo: setup
	$(BIN)/lieguan build --db $(DB)
	$(BIN)/lieguan serve --db $(DB) --port $(PORT)

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python tests/benchmark.py

setup: system-deps $(VENV)/.installed

system-deps:
	@.ci/system-deps

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) $(DB) db/*.db-* build *.egg-info
