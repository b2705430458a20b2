"""Build the search index with Pagefind, page by page as the build writes them.

Pagefind runs beside the build, as its own process (``pagefind --service``:
the program the ``PAGEFIND_BINARY_PATH`` environment variable names, else the
one of the pinned ``pagefind_bin`` package). Each published post and page is handed to
it as soon as Pelican has written it (``content_written``), so Pagefind reads
and indexes while the build goes on rendering; once every page is written, the
index goes to ``pagefind/`` in the output, which the search page loads with
Pagefind's own ``pagefind.js`` (theme/static/js/search.js). Pagefind indexes the
text inside ``data-pagefind-body``: the theme marks a post's or page's own text.

Which pages: published posts and pages (and their translations), the pages
whose theme marks text to index. Lists, printable checklists, drafts shown by
``make serve`` and every other page are never handed to Pagefind, so a
checklist's printable page is never a second result for its post's words.

What Pagefind is given: not the whole page, but the parts of it that Pagefind
reads: the ``<html>`` tag (its ``lang``), the ``<title>`` and the first
``<h1>`` before the text to index (Pagefind's title for a result: the post's or
page's title), and the ``data-pagefind-body`` element, which holds the post's
text as Pelican rendered it (``content``, the theme's ``{{ article.content
}}``), so it ends where that text does. The rest (the head's other elements,
the header, the series box, related posts, the footer: over two fifths of a post's
bytes) Pagefind would parse to find nothing: the theme puts no other
``data-pagefind-*`` attribute and no image outside the text to index
(tests/test_search_index.py checks that the copy and the whole page index
alike). A page laid out otherwise is given whole.

Two changes are made in Pagefind's copy only (the page on disk stays as it is).
Pagefind leaves out the text of every
``<label>`` (it takes them for a form's captions), but a checklist's items and
notes prompts are labels, the most useful text on the site: in Pagefind's copy
they are ``<span>``. And a checklist's title (its ``<legend>``) becomes a
heading that carries the checklist's id (``id`` of ``<div class="checklist">``),
so that Pagefind counts the checklist as a part of the page of its own, whose
address ends in ``#`` and that id: a search for an item's words leads to the
post at the checklist. The heading weighs what the legend's text did (Pagefind
ranks a heading's words above the rest): the title above the checklist, which
the legend copies, already counts as a heading.

Why not Pagefind's Python wrapper (the ``pagefind`` package): it reads one reply
of the service every tenth of a second, so a site of 1,000 posts would wait
100 s for it. This module speaks the same protocol (base64-encoded JSON
messages ended by a comma, over the process's standard input and output)
without waiting: pages are sent as they come, and a thread reads the replies.
It asks for the index's files and writes them itself (``Indexer.files`` says
why).

When the index is made and written: Pagefind is asked for its files as soon
as Pelican has written the last post and page (``page_writer_finalized``), so
it builds the index on the other core while Pelican writes the lists, the
printable checklists and the sitemap and the content checks run. The files are
written on pelican-granular-signals' ``optimize`` signal, after ``finalized``
and ``sitemap``, and before ``compress``, so pelican-precompress (``make
publish``) writes ``.gz`` and ``.br`` copies of the index's files too. Every
build runs it, ``make serve``'s rebuilds included, so a search in the preview
finds what the preview shows.

What is written: the old index goes first (the new one shares few of its
file names), then Pagefind's files, but not those this site never loads, which
Pagefind makes for every site with no option to leave them out: its ready-made
search interfaces (search.js renders results itself, through pagefind.js's
API), the script that highlights matches on the page a result opens, and
``wasm.unknown.pagefind``, its engine for a language it cannot stem, once every
language of the site has its own.

A failure of Pagefind (its program missing, a page it refuses, its process
ending) is logged as an error with Pagefind's own message, and the build goes
on without a new index: the content checks' summary shows the message (no
traceback: it is not a bug in the build), and ``make html``, ``make check``
and ``make publish`` exit with status 1, as for any error; under ``make serve``
the message is shown in the browser and the preview keeps its last version.

"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import re
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import blinker
from pagefind.service import get_executable
from pelican import signals
from pelican.contents import Content
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

# The parts of a page that Pagefind reads (the module's docstring says which):
# its head, of which the <title> only; the body's opening tag, whose element
# ends after the post's text; the first heading before the body, Pagefind's
# title for the page.
HEAD_RE = re.compile(r"<head\b[^>]*>.*?</head>", re.DOTALL)
TITLE_RE = re.compile(r"<title\b.*?</title>", re.DOTALL)
BODY_TAG_RE = re.compile(r"<(?P<tag>\w+)\b[^>]*\sdata-pagefind-body\b[^>]*>")
FIRST_HEADING_RE = re.compile(r"<h1\b.*?</h1>", re.DOTALL)

# Pagefind's copy of a page: labels as spans (the tag renamed, its attributes
# kept), and each checklist's id moved from the checklist onto its title, made
# a heading. Both are the site's own markup (checklists' component.html and
# Markdown step), which the search tests read back from the index.
LABEL_TAG_RE = re.compile(r"<(/?)label\b")
CHECKLIST_TITLE_RE = re.compile(
    r'(<div class="checklist") id="(?P<id>[^"]+)"(?P<between>.*?)'
    r'<legend class="checklist__legend">(?P<title>.*?)</legend>',
    re.DOTALL,
)


class SearchIndexError(Exception):
    """Pagefind could not build the search index."""


def as_pagefind_reads_it(html: str) -> str:
    """Return ``html`` with checklist items and titles where Pagefind indexes them."""
    html = CHECKLIST_TITLE_RE.sub(
        r'\1\g<between><h2 id="\g<id>" data-pagefind-weight="1">\g<title></h2>',
        html,
    )
    return LABEL_TAG_RE.sub(r"<\1span", html)


def pagefind_copy(page: str, text: str) -> str:
    """Return Pagefind's copy of ``page``, whose ``data-pagefind-body`` holds ``text``.

    What Pagefind reads of the page: its ``<html>`` tag, the ``<title>`` of its
    head, its first ``<h1>`` before the body, and the body, which ends after
    ``text``; all of the page when it is laid out otherwise.
    """
    head = HEAD_RE.search(page)
    body = BODY_TAG_RE.search(page, head.end()) if head else None
    text_at = page.find(text, body.end()) if body else -1
    if text_at < 0:
        return as_pagefind_reads_it(page)
    title = TITLE_RE.search(page, head.start(), head.end())
    heading = FIRST_HEADING_RE.search(page, head.end(), body.start())
    return as_pagefind_reads_it(
        page[: head.start()]
        + f"<head>{title[0] if title else ''}</head>"
        + (heading[0] if heading else "")
        + page[body.start() : text_at + len(text)]
        + f"</{body['tag']}></html>"
    )


def page_url(path: Path) -> str:
    """Return the address of the page written at ``path`` (relative to the output).

    As Pagefind makes it from a file's path: ``posts/a/index.html`` is
    ``/posts/a/``.
    """
    url = "/" + path.as_posix()
    return url.removesuffix("index.html") if url.endswith("/index.html") else url


class Indexer:
    """Pagefind's indexing service, one process for one build."""

    def __init__(self) -> None:
        # Pagefind's own messages (a panic's, among them) go to a file: nobody
        # has to read them while it works, and they are all there if it fails.
        self._messages = tempfile.TemporaryFile()  # noqa: SIM115 - kept open
        executable = get_executable()
        try:
            if executable is None:
                raise FileNotFoundError("none installed")
            self._process = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._messages,
            )
        except OSError as error:
            raise SearchIndexError(
                f"search_index: Pagefind's program cannot be started ({error}); "
                "install the pinned requirements again: .venv/bin/pip install -r "
                "requirements.txt (or set PAGEFIND_BINARY_PATH to a pagefind program)"
            ) from None
        self._sent = 0
        self._replies: dict[int, dict] = {}
        self._urls: dict[int, str] = {}  # which page each request handed over
        self._files_asked: int | None = None  # the request for the index's files
        self._ended = False
        self._arrived = threading.Condition()
        self._reader = threading.Thread(target=self._read_replies, daemon=True)
        self._reader.start()
        self._index_id = self._ask({"type": "NewIndex", "config": None})["index_id"]

    def _read_replies(self) -> None:
        stdout = self._process.stdout
        # Replies end with a comma (base64 has none). The reply with the index's
        # files is megabytes long: its pieces are gathered, not copied anew with
        # each piece.
        pending = bytearray()
        while chunk := stdout.read1(1 << 16):
            pending += chunk
            if b"," not in chunk:
                continue
            *complete, rest = pending.split(b",")
            pending = rest
            with self._arrived:
                for message in complete:
                    reply = json.loads(base64.b64decode(message))
                    self._replies[reply["message_id"]] = reply["payload"]
                self._arrived.notify_all()
        with self._arrived:
            self._ended = True
            self._arrived.notify_all()

    def _send(self, payload: dict) -> int:
        self._sent += 1
        message = {"message_id": self._sent, "payload": payload}
        try:
            self._process.stdin.write(
                base64.b64encode(json.dumps(message).encode()) + b","
            )
            self._process.stdin.flush()
        except BrokenPipeError:
            raise self._failure("stopped") from None
        return self._sent

    def _answered(self, message_id: int) -> bool:
        """Whether ``message_id`` has its reply, or none will come (hold the lock)."""
        return message_id in self._replies or self._ended

    def _wait(self, message_id: int) -> dict:
        with self._arrived:
            self._arrived.wait_for(lambda: self._answered(message_id))
            reply = self._replies.get(message_id)
        if reply is None:
            raise self._failure("stopped")
        return reply

    def _answer(self, message_id: int, request: str) -> dict:
        reply = self._wait(message_id)
        if reply["type"] == "Error":
            raise self._failure(f"refused {request}: {reply['message']}")
        return reply

    def _ask(self, payload: dict) -> dict:
        return self._answer(self._send(payload), payload["type"])

    def said(self) -> str:
        """Return what Pagefind printed, each line once."""
        self._messages.seek(0)
        lines = self._messages.read().decode(errors="replace").strip().splitlines()
        return "\n".join(line.rstrip() for line in dict.fromkeys(lines))

    def _failure(self, what: str) -> SearchIndexError:
        self.stop()
        return SearchIndexError(
            f"search_index: Pagefind {what}, so the site has no search index "
            f"(exit status {self._process.returncode}):\n{self.said()}".rstrip()
        )

    def add(self, url: str, html: str) -> None:
        """Hand Pagefind a page to index; its reply is read with the others."""
        self._urls[
            self._send(
                {
                    "type": "AddFile",
                    "index_id": self._index_id,
                    "url": url,
                    "file_contents": html,
                    "file_path": None,
                }
            )
        ] = url

    def ask_for_files(self) -> None:
        """Have Pagefind build the index of every page handed over, for ``files``."""
        self._files_asked = self._send({"type": "GetFiles", "index_id": self._index_id})

    def files_made(self, timeout: float) -> bool:
        """Wait at most ``timeout`` seconds for the index asked for; return if it came.

        Also True once Pagefind has ended, when ``files`` raises at once.
        """
        with self._arrived:
            return self._arrived.wait_for(
                lambda: self._answered(self._files_asked), timeout
            )

    def files(self) -> dict[str, bytes]:
        """Return the index of every page handed over, by path; end Pagefind.

        Pagefind's files come in its reply, and this module writes them: when
        Pagefind writes them itself, its reply can come before the last file
        is complete, and its process ends, leaving that file empty, as soon as
        its input is closed.
        """
        if self._files_asked is None:
            self.ask_for_files()
        written = self._answer(self._files_asked, "GetFiles")
        replies = {
            url: self._wait(message_id) for message_id, url in self._urls.items()
        }
        refused = [
            f"{url}: {reply['message']}"
            for url, reply in replies.items()
            if reply["type"] == "Error"
        ]
        self.stop()
        if refused:
            raise SearchIndexError(
                "search_index: Pagefind could not index these pages, so the "
                "site has no new search index:\n" + "\n".join(refused)
            )
        if said := self.said():
            log.warning("search_index: Pagefind says: %s", said)
        return {
            file["path"]: base64.b64decode(file["content"]) for file in written["files"]
        }

    def stop(self) -> None:
        """End Pagefind's process (at once, if it is still working)."""
        if self._process.poll() is None:
            with contextlib.suppress(BrokenPipeError):  # it stopped reading
                self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._reader.join()


class Build:
    """The index of the build under way: its pages go to Pagefind as written.

    Each step does nothing once Pagefind has failed: the failure is logged (see
    the module's docstring) and the build goes on.
    """

    def __init__(self) -> None:
        self.output_path = Path()
        self.indexer: Indexer | None = None
        # Each page handed to Pagefind, in order: its path in the output, and the
        # post or page it shows. plugins/live_preview indexes them again
        # (``index_again``) when a post's text alone changed.
        self.handed: list[tuple[Path, Content]] = []

    @contextlib.contextmanager
    def _reporting_failure(self):
        try:
            yield
        except SearchIndexError as error:
            self.indexer = None
            log.error("%s", error)

    def start(self, generators) -> None:
        # A build that stopped half-way (under `make serve`) left its Pagefind.
        if self.indexer is not None:
            self.indexer.stop()
            self.indexer = None
        self.handed = []
        self.output_path = Path(generators[0].output_path).resolve()
        with self._reporting_failure():
            self.indexer = Indexer()

    def add(self, path: str, context: dict) -> None:
        """Hand Pagefind the page Pelican wrote to ``path``, if it is a post or page."""
        content = context.get("article") or context.get("page")
        if self.indexer is None or content is None or content.status != "published":
            return
        # Pelican sends content_written once the file is written, with the
        # context it was rendered from: the page's body holds ``content.content``.
        written = Path(path).relative_to(self.output_path)
        with self._reporting_failure():
            _hand(self.indexer, self.output_path, written, content)
            self.handed.append((written, content))

    def ask_for_files(self) -> None:
        """Have Pagefind build the index while the rest of the site is written.

        Pelican writes every post (ArticlesGenerator) before every page
        (PagesGenerator), and runs both before any other generator: once its
        pages are written, so is every page to index.
        """
        if self.indexer is not None:
            with self._reporting_failure():
                self.indexer.ask_for_files()

    def write(self, pelican) -> None:
        indexer, self.indexer = self.indexer, None
        if indexer is None:
            return
        started = time.perf_counter()
        with self._reporting_failure():
            files = indexer.files()
            log.info(
                "search_index: indexed %d pages; waited %.2f s for the index",
                len(self.handed),
                time.perf_counter() - started,
            )
            write_bundle(files, Path(pelican.output_path) / FOLDER)

    def index_again(self, site: Path) -> Indexer:
        """Index again the pages the last build handed over, as they are in ``site``.

        For plugins/live_preview, after a post's text alone changed: the same
        pages, in the same order, each read as it is now in the folder ``site``,
        with its post's or page's ``content`` as it is now. Returns the Indexer,
        building the index in its own process: its ``files`` returns it. Raises
        ``SearchIndexError`` if Pagefind fails.
        """
        indexer = Indexer()
        for written, content in self.handed:
            _hand(indexer, site, written, content)
        indexer.ask_for_files()
        return indexer


def _hand(indexer: Indexer, site: Path, written: Path, content: Content) -> None:
    """Hand ``indexer`` Pagefind's copy of the page at ``written`` in ``site``."""
    page = (site / written).read_text(encoding="utf-8")
    indexer.add(page_url(written), pagefind_copy(page, content.content))


def write_bundle(files: dict[str, bytes], bundle: Path) -> None:
    """Write Pagefind's ``files`` to ``bundle``, in place of the old index."""
    entry = json.loads(files["pagefind-entry.json"])
    never_loaded = set(NEVER_LOADED)
    if all(language.get("wasm") for language in entry["languages"].values()):
        never_loaded.add(GENERIC_ENGINE)
    if bundle.exists():
        shutil.rmtree(bundle)
    written = {
        bundle / name: data for name, data in files.items() if name not in never_loaded
    }
    for folder in {path.parent for path in written}:
        folder.mkdir(parents=True, exist_ok=True)
    for path, data in written.items():
        path.write_bytes(data)


build = Build()


def start_build(generators) -> None:
    build.start(generators)


def add_page(path: str, context: dict) -> None:
    build.add(path, context)


def ask_for_index(generator, writer) -> None:
    build.ask_for_files()


def write_index(pelican) -> None:
    build.write(pelican)


def register() -> None:
    granular_signals.register()
    signals.all_generators_finalized.connect(start_build)
    signals.content_written.connect(add_page)
    signals.page_writer_finalized.connect(ask_for_index)
    blinker.signal("optimize").connect(write_index)
