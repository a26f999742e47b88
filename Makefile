# The single entry point: every target creates and uses .venv itself.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench examples screenshot clean

$(STAMP): pyproject.toml
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coachlens needs Python 3.11 or newer")'
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

# `make demo` needs only the runtime dependencies (a fresh machine reaches the dashboard sooner);
# `make test` adds the dev extras to the same .venv.
RUNTIME_STAMP := $(VENV)/.installed-runtime

$(RUNTIME_STAMP): pyproject.toml
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coachlens needs Python 3.11 or newer")'
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

EXAMPLE_FILES := $(wildcard examples/*.vtt examples/*.srt examples/*.txt examples/*.docx examples/*.json)

DEMO_HOST ?= 127.0.0.1
DEMO_PORT ?= 8000

## demo: analyse the example sessions into demo-out/, load the demo practice, serve it on 127.0.0.1
demo: $(RUNTIME_STAMP)
	@rm -rf demo-out && mkdir -p demo-out
	$(BIN)/coachlens analyze $(EXAMPLE_FILES) --format md -o demo-out
	$(BIN)/coachlens analyze $(EXAMPLE_FILES) --format json -o demo-out
	$(BIN)/coachlens analyze $(EXAMPLE_FILES) --format html -o demo-out
	$(BIN)/coachlens analyze examples/ellison_session1_zoom.vtt
	$(BIN)/coachlens demo --db demo-out/practice.db
	@echo
	@echo "Reports for $(words $(EXAMPLE_FILES)) example sessions (HTML, Markdown and JSON) are in $(CURDIR)/demo-out/"
	@echo
	@echo "Open http://$(DEMO_HOST):$(DEMO_PORT)/ and log in (password coachlens-demo) as:"
	@echo "  coach       ruth@demo.coachlens.example   (the dashboard)"
	@echo "  client      mark@demo.coachlens.example"
	@echo "  sponsor     jim@demo.coachlens.example"
	@echo "  supervisor  sam@demo.coachlens.example"
	@echo "  admin       admin@demo.coachlens.example"
	@echo "  (two-factor sign-in is optional in the demo: each page says so; see docs/web.md)"
	COACHLENS_REQUIRE_2FA=0 $(BIN)/coachlens serve --db demo-out/practice.db --host $(DEMO_HOST) --port $(DEMO_PORT)

## test: lint, type-check and run the whole suite
test: lint
	$(BIN)/python -m pytest

## lint: ruff and mypy (strict) must be clean
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy

## bench: parsing, start-up, dynamics and response-mix/emotions timings
bench: $(STAMP)
	$(BIN)/python bench/bench_ingest.py
	@echo
	$(BIN)/python bench/bench_dynamics.py
	@echo
	$(BIN)/python bench/bench_response.py
	@echo
	$(BIN)/python bench/bench_web.py
	@echo
	$(BIN)/python bench/bench_batch.py
	@echo
	$(BIN)/python bench/bench_load.py

## examples: re-render examples/ from the written scripts in scripts/examples/
examples: $(STAMP)
	$(BIN)/python scripts/build_examples.py

## screenshot: re-take docs/images/report.png, the README's picture of an HTML report (needs Chromium)
screenshot: $(STAMP)
	$(BIN)/python scripts/screenshot_report.py
	$(BIN)/python scripts/screenshot_web.py

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache
