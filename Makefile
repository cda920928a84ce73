# Two set-up commands (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test,pdf]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/thidua demo --out thidua-demo

test: $(STAMP)
	$(BIN)/python -m pytest

BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	touch $(BENCH_STAMP)

# Builds its own data under benchmarks/data/ (tens of minutes with the growth table); `benchmarks/run.py --quick` for a smoke run.
bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) thidua-demo build dist
