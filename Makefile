# The two commands a fresh machine needs: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip -q --disable-pip-version-check
STAMP  := $(VENV)/.installed

.PHONY: install run test lint bench bench-full index

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PIP) install torch==2.13.0
	$(PIP) install -r requirements-dev.txt
	$(PIP) install --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

index: install
	$(PY) -m bot.cli build-index --if-stale

run: index
	$(PY) -m bot.cli start

test: install
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check bot tests scripts bench

bench: install
	$(PY) -m bench --quick

bench-full: install
	$(PY) -m bench
