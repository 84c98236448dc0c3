# timeline: two commands on a fresh machine.
#   make run    set up .venv and start the dashboard on events.yaml
#   make test   set up .venv with test tools and run lint, types and every test

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
EVENTS ?= events.yaml
PORT ?= 8501

.PHONY: run test test-fast system lint format check screenshot bench bench-dates clean help

help:
	@echo "make run     start the dashboard on $(EVENTS) (http://localhost:$(PORT))"
	@echo "make test    lint, type-check and run every test"
	@echo "make test-fast  lint, type-check and the tests not marked slow (no browser, kaleido, LibreOffice, page runs or processes)"
	@echo "make check   validate $(EVENTS) and print every problem"
	@echo "make format  apply ruff formatting"
	@echo "make screenshot  refresh docs/screenshot.png from the running app"
	@echo "make bench   measure 1,000 to 100,000 events beside vis-timeline and TimelineJS; writes docs/performance.md"
	@echo "make bench-dates  measure how dates in news sentences are read; writes docs/dates-benchmark.md"
	@echo "make clean   remove .venv and caches"

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "timeline needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

run: $(VENV)/.runtime
	$(PY) -m streamlit run app.py --server.port $(PORT) -- --events $(EVENTS)

check: $(VENV)/.runtime
	$(PY) -m timeline check $(EVENTS)

lint: $(VENV)/.dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy timeline app.py

format: $(VENV)/.dev
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# TimelineJS itself (npm registry), for the test that loads our TimelineJS export in it.
TLJS := tests/timelinejs/node_modules/.package-lock.json
$(TLJS): tests/timelinejs/package.json tests/timelinejs/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix tests/timelinejs --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the TimelineJS test will be skipped (make system installs it)"; fi

# System tools the tests need (Chromium, poppler, LibreOffice, npm): installed when this
# machine can, else the exact command is printed and those tests skip (fail under CI).
system:
	@bash scripts/system-tools

test: system lint $(TLJS)
	$(PY) -m pytest

# The fast lane for contributors: every test but those marked slow (tests/conftest.py marks
# what starts Chromium, kaleido, LibreOffice, an AppTest page run or a process).
test-fast: lint
	$(PY) -m pytest -m "not slow" -q

# Not part of `make test`: generates 1,000 / 10,000 / 100,000-event datasets (benchmarks/data/,
# ignored by git), measures them in the app and, installed from npm into benchmarks/peers/,
# in vis-timeline and TimelineJS, and writes docs/performance.md. About half an hour here.
bench: $(VENV)/.dev system
	$(PY) -m benchmarks.run
	$(PY) -m benchmarks.interact

# Not part of `make test`: two sets of hand-annotated date expressions in news sentences (the
# rules' 421, a regression check; 123 held out, the estimate), read by the normaliser, by plain
# dateparser and by the phrase finder; writes docs/dates-benchmark.md.
bench-dates: $(VENV)/.dev
	$(PY) -m benchmarks.bench_dates

screenshot: $(VENV)/.dev
	UPDATE_SCREENSHOT=1 $(PY) -m pytest tests/test_browser.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
