# The two commands a fresh machine needs: `make run` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip -q --disable-pip-version-check
STAMP  := $(VENV)/.installed
TORCH  := torch==2.13.0
# PyTorch's own index of CPU-only wheels: PyPI's default torch for Linux is the CUDA build (several GB).
TORCH_CPU_INDEX := https://download.pytorch.org/whl/cpu

.PHONY: install browser run test lint bench bench-full index

# torch first: a wheel pip already finds without any index (a local copy, as on the project's machines),
# else the CPU build from PyTorch's index; then everything else from PyPI (torch's own dependencies included).
$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@echo "Setting up $(VENV) (first run only, a few minutes): PyTorch for the CPU, then the other packages."
	@test -x $(PY) || python3 -m venv $(VENV)
	@$(PIP) install --no-index --no-deps $(TORCH) 2>/dev/null \
		|| $(PIP) install --index-url $(TORCH_CPU_INDEX) --extra-index-url https://pypi.org/simple $(TORCH)
	@echo "  PyTorch installed; now sentence-transformers, FAISS, discord.py and the rest."
	@$(PIP) install -r requirements-dev.txt
	@$(PIP) install --no-deps -e .
	@touch $(STAMP)
	@echo "  $(VENV) is ready."

install: $(STAMP)

# The browser tests drive the system's Chromium (Playwright cannot download its own offline): install Debian's
# package when it is missing and this is root with apt-get; elsewhere those tests are skipped, saying why.
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
		|| { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
			&& echo "Installing Chromium for the browser tests (apt-get)." \
			&& apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; } \
		|| echo "Chromium is missing and cannot be installed here (needs root and apt-get): browser tests will be skipped."

index: install
	@$(PY) -m bot.cli build-index --if-stale

run: index
	@$(PY) -m bot.cli start

# The type checker (mypy over bot/, settings in pyproject.toml) runs beside the tests, on the core pytest leaves idle.
test: install browser
	@$(PY) -m mypy >$(VENV)/mypy.log 2>&1 & checker=$$!; \
	$(PY) -m pytest; status=$$?; \
	if wait $$checker; then echo "mypy: no type errors in bot/"; \
	else cat $(VENV)/mypy.log; echo "mypy found type errors (above): make test fails"; status=1; fi; \
	exit $$status

lint: install
	$(VENV)/bin/ruff check bot tests scripts bench
	$(PY) -m mypy

bench: install
	$(PY) -m bench --quick

bench-full: install
	$(PY) -m bench
