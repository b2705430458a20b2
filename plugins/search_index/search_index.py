"""Build the search index with Pagefind at the end of every build.

Pagefind reads the finished pages (the text inside ``data-pagefind-body``: the
theme marks a published post's or page's own text) and writes its index to
``pagefind/`` in the output, which the search page loads with Pagefind's own
``pagefind.js`` (theme/static/js/search.js).

When: on pelican-granular-signals' ``optimize`` signal, which comes after
``finalized`` and ``sitemap``, so every page is written, and before ``compress``,
so pelican-precompress (``make publish``) writes ``.gz`` and ``.br`` copies of
the index's files too. Every build runs it, ``make serve``'s rebuilds included,
so a search in the preview finds what the preview shows.

What: the old index goes first (Pagefind adds files and removes none, so stale
ones would pile up). Pagefind then writes, for every site, files this one never
loads, and has no option to leave them out, so they are removed after it runs:
its ready-made search interfaces (search.js renders results itself, through
pagefind.js's API), the script that highlights matches on the page a result
opens, and ``wasm.unknown.pagefind``, its engine for a language it cannot stem,
once every language of the site has its own.

A failure of Pagefind stops the build with Pagefind's own message, so
``make html`` and ``make publish`` exit with status 1; under ``make serve`` the
message is shown and the preview keeps running, as for any error in a rebuild.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import time
from pathlib import Path

import blinker
from pagefind_bin import get_executable
from pelican.plugins import granular_signals

log = logging.getLogger(__name__)

FOLDER = "pagefind"
NEVER_LOADED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)
# pagefind.js loads it only for a language whose entry names no engine of its own.
GENERIC_ENGINE = "wasm.unknown.pagefind"


class SearchIndexError(Exception):
    """Pagefind could not build the search index."""


def pagefind_command(site: Path) -> list[str]:
    try:
        executable = get_executable()
    except FileNotFoundError as error:
        raise SearchIndexError(
            f"search_index: Pagefind's program is missing ({error}); install the "
            "pinned requirements again: .venv/bin/pip install -r requirements.txt"
        ) from None
    # --quiet: warnings and errors only, which are worth showing.
    return [str(executable), "--site", str(site), "--quiet"]


def build_index(site: Path) -> int:
    """Index the finished site in ``site``; return how many pages were indexed."""
    bundle = site / FOLDER
    if bundle.exists():
        shutil.rmtree(bundle)
    result = subprocess.run(
        pagefind_command(site), capture_output=True, text=True, check=False
    )
    # Pagefind may print a message twice (on both streams, or twice on one):
    # each line is shown once.
    lines = (result.stdout + result.stderr).strip().splitlines()
    said = "\n".join(line.rstrip() for line in dict.fromkeys(lines))
    if result.returncode != 0:
        raise SearchIndexError(
            f"search_index: Pagefind could not index {site} (exit status "
            f"{result.returncode}), so the site has no search index:\n{said}"
        )
    if said:
        log.warning("search_index: Pagefind says: %s", said)
    for name in NEVER_LOADED:
        (bundle / name).unlink(missing_ok=True)
    languages = json.loads((bundle / "pagefind-entry.json").read_text())["languages"]
    if all(language.get("wasm") for language in languages.values()):
        (bundle / GENERIC_ENGINE).unlink(missing_ok=True)
    return sum(language["page_count"] for language in languages.values())


def index_site(pelican) -> None:
    started = time.perf_counter()
    pages = build_index(Path(pelican.output_path))
    log.info(
        "search_index: indexed %d pages in %.2f s",
        pages,
        time.perf_counter() - started,
    )


def register() -> None:
    granular_signals.register()
    blinker.signal("optimize").connect(index_site)
