# Next Steps: every command a user, an author or CI runs. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUTDIR ?= output
HOST ?= 127.0.0.1
PORT ?= 8000
PELICAN := $(BIN)/pelican content --fatal warnings

.PHONY: help venv browser html serve publish test lint clean lock

help:
	@echo "make serve    build the site and serve it on http://$(HOST):$(PORT) (rebuilds on save)"
	@echo "make test     run the whole test suite (unit and browser tests)"
	@echo "make html     build the site into $(OUTPUTDIR)/"
	@echo "make publish  production build (needs SITEURL=https://...)"
	@echo "make lint     ruff"
	@echo "make clean    remove $(OUTPUTDIR)/ and caches"

# The virtual environment is rebuilt whenever the pins change.
$(VENV)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# Browser tests use a Chromium already on the machine; else Debian's package;
# else Playwright's own download (not possible on every network).
browser: venv
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null \
	|| { command -v apt-get >/dev/null \
	     && apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; } \
	|| $(BIN)/playwright install chromium

html: venv
	$(PELICAN) -s pelican.conf.py -o $(OUTPUTDIR)

serve: venv
	$(PELICAN) -s pelican.conf.py -o $(OUTPUTDIR) --autoreload --listen --bind $(HOST) --port $(PORT)

publish: venv
	$(PELICAN) -s publish.conf.py -o $(OUTPUTDIR)

test: venv browser html
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(OUTPUTDIR) .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

# Re-pin after editing requirements.in: a fresh environment, then its exact versions.
lock:
	rm -rf /tmp/nextsteps-lock && $(PYTHON) -m venv /tmp/nextsteps-lock
	/tmp/nextsteps-lock/bin/pip install --quiet -r requirements.in
	/tmp/nextsteps-lock/bin/pip freeze --exclude-editable > requirements.txt
