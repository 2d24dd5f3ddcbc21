# Kindred: `make run` serves the demo community, `make test` runs every check.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python keeps each module it compiles (__pycache__) for the next process to read: an
# environment that turns that off (PYTHONDONTWRITEBYTECODE) would make every process
# Kindred and its tests start compile Django and Kindred again, about 2 s each.
unexport PYTHONDONTWRITEBYTECODE

VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The address links in emails and the demo logins point to. Give it when people reach the
# site some other way: make run HOST=0.0.0.0 SITE_URL=http://my-laptop.local:8000
SITE_URL ?= http://$(HOST):$(PORT)
# The environment of every process `make run` starts. It collects the static files
# first, so they are served from there, compressed, as on a real server.
RUN_ENV = DEBUG=true SITE_URL=$(SITE_URL) WHITENOISE_USE_FINDERS=false
# Packages are installed with uv (itself installed with pip): it fetches in parallel and
# leaves byte-compiling to first import, so a fresh install takes about 20 s, not 2 min.
UV_INSTALL = $(VENV)/bin/uv pip install --quiet --python $(PY)
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
# `make test XDIST="--numprocesses 2 --dist loadscope --no-loadscope-reorder"` runs the
# SQLite pass in two processes (pytest-xdist, a module at a time, in the order collected
# so the browser tests come last in each). On two cores it was slower, not faster: each
# process costs a Django start, a test database and the sentence model. On a machine
# with more cores it helps.
XDIST ?=
# Whether the PostgreSQL pass runs: always in CI (where it fails if the server is
# missing), locally when the server answers. Read when a recipe runs, after the install.
PG_UP = $(shell [ "$$CI" = "true" ] && echo yes || { $(PY) -c "import psycopg; psycopg.connect('$(PG_TEST_URL)').close()" 2>/dev/null && echo yes; })

# The first Python >= 3.12 found on PATH or under pyenv.
PYTHON_FOR_VENV := $(shell for p in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.13*/bin/python3 $$HOME/.pyenv/versions/3.12*/bin/python3 /root/.pyenv/versions/3.13*/bin/python3 /root/.pyenv/versions/3.12*/bin/python3; do \
	  command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { command -v $$p; break; }; \
	done)

.PHONY: help run test bench checks lint typecheck pytest pytest-postgres messages screening-heads clean

help:
	@echo "make run    - install, migrate, load the demo community and serve http://$(HOST):$(PORT)"
	@echo "make test   - ruff, mypy and the whole pytest suite (SQLite, then PostgreSQL)"
	@echo "make bench  - every benchmark in bench/ at quick size"

$(VENV)/.installed-runtime: pyproject.toml
	@test -n "$(PYTHON_FOR_VENV)" || { echo "Kindred needs Python 3.12 or newer; none was found." >&2; exit 1; }
	@test -x $(PY) || $(PYTHON_FOR_VENV) -m venv $(VENV)
	$(PY) -m pip install --quiet uv
	$(UV_INSTALL) -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-runtime
	$(UV_INSTALL) -e ".[dev]"
	@touch $@

run: $(VENV)/.installed-runtime
	@mkdir -p var
	$(RUN_ENV) $(MANAGE) migrate --no-input
	$(RUN_ENV) $(MANAGE) collectstatic --no-input --verbosity 0
	$(RUN_ENV) $(MANAGE) load_demo_community
	@$(RUN_ENV) $(MANAGE) demo_logins
	@echo "Kindred is starting at http://$(HOST):$(PORT)  (Ctrl+C stops the server and the task worker)"
	@trap 'kill 0' EXIT INT TERM; \
	( while true; do $(RUN_ENV) $(MANAGE) kindred_worker --queue-name '*'; \
	    echo "The task worker stopped; starting it again in 2 s" >&2; sleep 2; done ) & \
	$(RUN_ENV) $(VENV)/bin/uvicorn kindred.asgi:application --host $(HOST) --port $(PORT) --log-level warning

chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; fi; \
	fi

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

typecheck: $(VENV)/.installed-dev
	KINDRED_TESTING=true $(VENV)/bin/mypy kindred

# In `make test` the browser is installed first (a prerequisite here would hold the
# PostgreSQL pass back until this one ends).
pytest: $(VENV)/.installed-dev $(if $(SPLIT_PASSES),,chromium)
	$(PY) -m pytest -q $(if $(SPLIT_PASSES),$(if $(PG_UP),--pass=sqlite) $(XDIST))

# PostgreSQL pass: always in CI (and it fails there if the server is missing);
# locally it runs when the server answers. Both passes run every test that uses the
# test database; the others give the same result on either, so each runs in one pass
# only (see `--pass` in conftest.py) and the other lists it as deselected.
pytest-postgres: $(VENV)/.installed-dev
	@if [ -n "$(PG_UP)" ]; then \
	  DATABASE_URL=$(PG_TEST_URL) TEST_REDIS_URL=redis://127.0.0.1:6379/13 \
	  TEST_LIVE_REDIS_URL=redis://127.0.0.1:6379/12 \
	  $(PY) -m pytest -q $(if $(SPLIT_PASSES),--pass=postgresql); \
	else echo "PostgreSQL is not reachable at $(PG_TEST_URL): the PostgreSQL pass did not run."; fi

# The SQLite and PostgreSQL passes run side by side (one per core); each prints its
# output when it ends. They share nothing: SQLite is in memory, PostgreSQL uses its own
# test database, and the PostgreSQL pass uses other Redis databases. SPLIT_PASSES runs
# each test that does not use the test database in one of the two only.
test: $(VENV)/.installed-dev chromium
	@$(MAKE) --no-print-directory -j3 --output-sync=target checks pytest pytest-postgres SPLIT_PASSES=yes

# ruff, the import contracts and mypy. `make test` runs them beside the two passes
# rather than before them: mypy alone would leave the second core idle for about 20 s.
checks: lint typecheck

bench: $(VENV)/.installed-dev
	@for b in bench/[!_]*.py; do echo "== $$b"; $(PY) $$b --quick || exit 1; done

# Retrain screening's learned heads after changing its training set
# (kindred/screening/training/*.jsonl or tests/labelled.py), and copy alt-profanity-check's
# model out again after upgrading it; commit the result.
screening-heads: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=kindred.settings_test $(PY) -m kindred.screening.train

messages: $(VENV)/.installed-dev
	cd kindred && DJANGO_SETTINGS_MODULE=kindred.settings_test ../$(PY) ../manage.py makemessages --locale en --no-obsolete

clean:
	rm -rf $(VENV) var staticfiles
