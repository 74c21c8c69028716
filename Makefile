# tiendo — the commands a user and CI run. See README.md.
.PHONY: setup run serve test test-fast lint format bench clean

VENV := .venv/bin
DATA ?= data

setup:
	@bash scripts/setup.sh

## Set everything up, create the SQLite database, load the example plans and
## demo data (accounts, agencies, two years of reports), serve the app.
## DEMO=0 leaves the demo data out.
DEMO ?= 1
run: setup
	@TIENDO_DATA_DIR=$(DATA) $(VENV)/tiendo db upgrade
	@TIENDO_DATA_DIR=$(DATA) $(VENV)/tiendo ingest --publish examples/plans/*.txt
	@if [ "$(DEMO)" = "1" ]; then TIENDO_DATA_DIR=$(DATA) $(VENV)/tiendo demo --if-missing --accounts-file $(DATA)/demo-accounts.txt; fi
	@TIENDO_DATA_DIR=$(DATA) $(VENV)/tiendo serve

serve: setup
	@TIENDO_DATA_DIR=$(DATA) $(VENV)/tiendo serve

## Run every test (SQLite always; PostgreSQL when a server answers).
test: setup
	@$(VENV)/pytest

test-fast: setup
	@$(VENV)/pytest -m "not slow and not browser" -x -q

lint: setup
	@$(VENV)/ruff check src tests bench scripts
	@$(VENV)/ruff format --check src tests bench scripts

format: setup
	@$(VENV)/ruff check --fix src tests bench scripts
	@$(VENV)/ruff format src tests bench scripts

bench: setup
	@for b in bench/*.py; do echo "== $$b"; $(VENV)/python $$b || exit 1; done

clean:
	rm -rf .venv build dist .pytest_cache .ruff_cache src/*.egg-info
