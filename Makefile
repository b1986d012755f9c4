# The two commands: `make run` and `make test`. Everything else is what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check lint browsers clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@scripts/check-system-libraries
	touch $(STAMP)

run: $(STAMP)
	mkdir -p var
	DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DEBUG=1 $(BIN)/python manage.py make_seal_certificate --if-absent
	DEBUG=1 $(BIN)/python manage.py loaddemo --if-empty
	@echo "Serving DacCom on http://$(HOST):$(PORT)/ with a background worker for large PDFs (Ctrl-C stops both)"
	@DEBUG=1 $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	@mkdir -p var
	@test -x /usr/bin/chromium || echo "NOTE: /usr/bin/chromium is missing: the browser tests will be SKIPPED (install it with: apt-get install chromium)."
	$(BIN)/python manage.py makemigrations --check --dry-run --settings=daccom.test_settings
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

browsers:
	command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)

clean:
	rm -rf $(VENV) var
