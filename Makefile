# Every target installs what it needs into .venv first; nothing is installed by hand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install install-serve port-free run test lint format bench bench-import bench-analysis bench-api bench-soak clean bench-interactions bench-portfolio screenshots bench-analyse-all

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "graphcrm needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP) $(SERVE_STAMP)

install: $(STAMP)

# What serving needs, without the test extras (browser driver, fuzzer, FalkorDB server):
# make run installs only this; make install / make test install everything as before.
SERVE_STAMP := $(VENV)/.installed-serve
$(SERVE_STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "graphcrm needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $(SERVE_STAMP)

install-serve: $(SERVE_STAMP)

# Is HOST:PORT free? Asked before anything else, so a busy port changes no key or data.
port-free:
	@$(PYTHON) scripts/port_free.py $(HOST) $(PORT)

HOST ?= 127.0.0.1
PORT ?= 8000

## run: load the demo accounts into the embedded store, make a demo key, serve the API
## (STORE=neo4j: into a local Neo4j that scripts/neo4j/ builds and starts; see README)
run: port-free install-serve
ifeq ($(STORE),neo4j)
	sh scripts/neo4j/serve.sh $(HOST) $(PORT)
else
	$(BIN)/graphcrm demo
	$(BIN)/graphcrm demo-key --out data/demo-key.txt
	$(BIN)/graphcrm serve --host $(HOST) --port $(PORT)
endif

## test: lint, then the whole suite (it starts its own FalkorDB server; the browser tests
## use Debian's chromium and a CJK font, which scripts/install-browser.sh installs if missing)
test: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	sh scripts/install-browser.sh
	$(BIN)/pytest -n 2 --dist loadfile

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: bench-import bench-analysis bench-api

## bench-import STORE=neo4j (or falkordb): that store next to SQLite and FalkorDB, in one table
bench-import: install
	$(BIN)/python -m bench.import_bench $(if $(STORE),--store sqlite --store falkordb --store $(STORE))

bench-analysis: install
	$(BIN)/python -m bench.analysis_bench
	$(BIN)/python -m bench.cold_path

bench-api: install
	$(BIN)/python -m bench.api_bench

## bench-soak: 32 clients reading and writing for 60 s; counts 5xx, lost writes, stale reads
bench-soak: install
	$(BIN)/python -m bench.soak_bench

## bench-analyse-all: analyse --all --jobs 1 and 2 over 1,000 x 200 and 200 x 1,000 people
bench-analyse-all: install
	$(BIN)/python -m bench.analyse_all_bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

## bench-interactions: 1M interactions into SQLite, then every pair's strength (issue 13)
bench-interactions: install
	$(BIN)/python -m bench.interactions_bench

## bench-portfolio: the whole portfolio over 1,000 accounts (200,000 people, 1.6 M ties) and
## who-knows-whom over 200 accounts of 1,000 people, on SQLite (bench/portfolio_bench.py)
bench-portfolio: install
	$(BIN)/python -m bench.portfolio_bench

## screenshots: every view in both languages at 1440 x 900 into test-artifacts/screenshots/,
## and the small pictures of docs/ (tests/ui/test_screenshots.py)
screenshots: install
	sh scripts/install-browser.sh
	GRAPHCRM_SCREENSHOTS=test-artifacts/screenshots GRAPHCRM_DOCS=docs \
		$(BIN)/pytest tests/ui/test_screenshots.py -q -p no:cacheprovider
