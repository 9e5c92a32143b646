# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install worker lint format openapi check-migrations pytest test-deps bench-checkin bench-weight clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

# The demo's certificates name the demo's organiser; a real site sets its own.
run: export BINHDAN_CERTIFICATE_ISSUER ?= Tỉnh đoàn Hưng Yên
# The demo shows what users see (Vietnamese error pages, no tracebacks): `DEBUG=1 make run`
# for a developer's debug pages.
run: export DEBUG ?= 0
run: install
	$(BIN)/binhdan init_local
	$(BIN)/binhdan migrate --no-input -v 0
	$(BIN)/binhdan load_areas
	$(BIN)/binhdan load_curriculum
	$(BIN)/binhdan seed_demo
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	$(BIN)/binhdan runserver $(HOST):$(PORT)

# Sends queued reminders (email now; SMS/Zalo gateways plug in). Cron `--once` works too.
worker: install
	$(BIN)/binhdan send_notifications --loop 30

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Regenerate the committed OpenAPI snapshot after a deliberate API change (tests/api).
openapi: install
	$(BIN)/binhdan openapi_schema --output tests/api/openapi.snapshot.json

check-migrations: install
	$(BIN)/binhdan makemigrations --check --dry-run

test-deps:
	@bash scripts/ensure-debian-packages.sh

# pytest's exit code 5 (no test collected) is a failure here, with a clear message.
pytest: install
	@set +e; $(BIN)/pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; \
	exit $$rc

test: install test-deps lint check-migrations pytest

# The check-in wave against gunicorn + PostgreSQL (DATABASE_URL); see bench/checkin_wave.py.
bench-checkin: install
	$(BIN)/python bench/checkin_wave.py $(BENCH_ARGS)

# Bytes of the citizen pages and the assets they load (raw and gzip); see bench/page_weight.py.
bench-weight: install
	$(BIN)/python bench/page_weight.py

clean:
	rm -rf $(VENV) var/static
