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

# The command tests, run a second time against a real PostgreSQL server (tests/pg.py starts one); tests about
# the SQLite file itself are marked sqlite_only by tests/conftest.py and run in the first pass only. The demo's
# tests are left to the first pass (the demo on a server has its own test there, tests/test_postgres_commands.py):
# they are the slowest and would add minutes to CI without covering a query the others do not.
PG_TESTS := \
	tests/test_annual_example.py \
	tests/test_atomic_outputs.py \
	tests/test_award_conditions.py \
	tests/test_award_position.py \
	tests/test_awards_history.py \
	tests/test_campaign.py \
	tests/test_campaign_archive.py \
	tests/test_campaign_init.py \
	tests/test_campaign_rules.py \
	tests/test_campaign_show.py \
	tests/test_certificates.py \
	tests/test_change_log.py \
	tests/test_closing_report.py \
	tests/test_decisions.py \
	tests/test_discipline.py \
	tests/test_demo_year.py \
	tests/test_dossier_record.py \
	tests/test_entries.py \
	tests/test_exports.py \
	tests/test_fill_in.py \
	tests/test_import_messy.py \
	tests/test_imports.py \
	tests/test_legacy.py \
	tests/test_listings_stream.py \
	tests/test_messages_vietnamese.py \
	tests/test_proposals.py \
	tests/test_registrations.py \
	tests/test_report.py \
	tests/test_score.py \
	tests/test_scoring_property.py \
	tests/test_smoke.py \
	tests/test_statistics.py \
	tests/test_subjects.py \
	tests/test_total_row.py \
	tests/test_unit_column.py \
	tests/test_unseen_campaign.py \
	tests/test_vietnamese.py \
	tests/test_vote_sheet.py \
	tests/test_xls_import.py \
	tests/test_xlsx_import.py \
	tests/test_trial4.py \
	tests/test_trial7.py \
	tests/test_trial8.py \
	tests/test_trial9.py \
	tests/test_trial10.py \
	tests/test_trial11.py \
	tests/test_trial12.py \
	tests/test_trial13.py \
	tests/test_trial14.py \
	tests/test_trial16.py \
	tests/test_trial17.py \
	tests/test_trial18_ledger.py \
	tests/test_trial19_year_readback.py \
	tests/test_yearend.py \
	tests/test_yearend_office.py \
	tests/test_yearend_property.py \
	tests/test_yearend_trial3.py

# Each pass spread over the machine's cores (pytest-xdist; each worker starts its own PostgreSQL server).
XDIST := -n auto --dist worksteal

test: $(STAMP)
	$(BIN)/python -m pytest $(XDIST)
	THIDUA_TEST_ENGINE=postgresql $(BIN)/python -m pytest $(XDIST) -m "not sqlite_only" -k "not demo" $(PG_TESTS)

BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	touch $(BENCH_STAMP)

# Builds its own data under benchmarks/data/ (tens of minutes with the growth table); `benchmarks/run.py --quick` for a smoke run.
bench: $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/postgres.py
	$(BIN)/python benchmarks/yearend.py

clean:
	rm -rf $(VENV) thidua-demo build dist
