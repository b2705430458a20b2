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

Which files: only where published posts and pages are written (the pages whose
theme marks text to index), as a glob made from ``ARTICLE_SAVE_AS`` and
``PAGE_SAVE_AS`` (and their ``_LANG_`` forms) plus any page saved elsewhere
(a ``Save_as:`` in its header), collected once every post is read. Pagefind
then does not read every list page, printable checklist and tag page only to
find nothing to index: a fifth of its time on a site of 1,000 posts.

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
import re
import shutil
import subprocess
import time
from pathlib import Path

import blinker
from pagefind_bin import get_executable
from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator
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


SAVE_AS_SETTINGS = (
    "ARTICLE_SAVE_AS",
    "ARTICLE_LANG_SAVE_AS",
    "PAGE_SAVE_AS",
    "PAGE_LANG_SAVE_AS",
)
PLACEHOLDER_RE = re.compile(r"\{[^}]*\}")
GLOB_SPECIAL = set("*?[]{}!,\\")
EVERY_PAGE = "**/*.{html}"  # Pagefind's own default


def indexed_files_glob(settings: dict, saved_as: list[str]) -> str:
    """Return a glob for Pagefind that matches every path in ``saved_as``.

    Each ``{...}`` of a *_SAVE_AS setting becomes ``*``, or ``**`` where the
    value could hold a "/" (a date format such as ``{date:%Y/%m}``); a path that
    no pattern matches is added as it is. A name with a character that globs
    read specially gives Pagefind's own default: every page.
    """
    patterns = set()
    for name in SAVE_AS_SETTINGS:
        value = settings.get(name)
        if not value:
            continue
        if GLOB_SPECIAL & set(PLACEHOLDER_RE.sub("", value)):
            return EVERY_PAGE
        patterns.add(PLACEHOLDER_RE.sub(lambda m: "**" if "/" in m[0] else "*", value))
    matchers = [re.compile(_as_regex(pattern)) for pattern in patterns]
    for path in saved_as:
        if any(matcher.fullmatch(path) for matcher in matchers):
            continue
        if GLOB_SPECIAL & set(path):
            return EVERY_PAGE
        patterns.add(path)
    return "{" + ",".join(sorted(patterns)) + "}"


def _as_regex(pattern: str) -> str:
    parts = re.split(r"(\*\*|\*)", pattern)
    return "".join(
        "[^/]*" if part == "*" else ".*" if part == "**" else re.escape(part)
        for part in parts
    )


def pagefind_command(site: Path, glob: str = EVERY_PAGE) -> list[str]:
    try:
        executable = get_executable()
    except FileNotFoundError as error:
        raise SearchIndexError(
            f"search_index: Pagefind's program is missing ({error}); install the "
            "pinned requirements again: .venv/bin/pip install -r requirements.txt"
        ) from None
    # --quiet: warnings and errors only, which are worth showing.
    return [str(executable), "--site", str(site), "--glob", glob, "--quiet"]


def build_index(site: Path, glob: str = EVERY_PAGE) -> int:
    """Index the finished site in ``site``; return how many pages were indexed."""
    bundle = site / FOLDER
    if bundle.exists():
        shutil.rmtree(bundle)
    result = subprocess.run(
        pagefind_command(site, glob), capture_output=True, text=True, check=False
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


# Where this build writes its published posts and pages, the pages with text to
# index; collected once every post is read (all_generators_finalized).
published_paths: list[str] = []


def remember_published(generators) -> None:
    items = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            items += generator.articles + generator.translations
        elif isinstance(generator, PagesGenerator):
            items += generator.pages + generator.translations
    # draft_preview lists drafts with the posts under `make serve`: not indexed.
    published_paths[:] = [
        item.save_as for item in items if item.status == "published" and item.save_as
    ]


def index_site(pelican) -> None:
    started = time.perf_counter()
    glob = indexed_files_glob(pelican.settings, published_paths)
    pages = build_index(Path(pelican.output_path), glob)
    log.info(
        "search_index: indexed %d pages in %.2f s",
        pages,
        time.perf_counter() - started,
    )


def register() -> None:
    granular_signals.register()
    signals.all_generators_finalized.connect(remember_published)
    blinker.signal("optimize").connect(index_site)
