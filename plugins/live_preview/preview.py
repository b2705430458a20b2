"""Rebuild the preview on a save: always correctly, and at once for a post's text.

Three paths, and the map that joins them (see also ``__init__.py``):

- ``settle``, the always-correct path: a whole build, in this process, into a
  staging folder emptied first (so it is exactly a clean build; Pelican's content
  cache only skips reading unchanged files), then ``sync`` makes the served folder
  that staging folder: each file written only where its bytes differ, each file
  the build no longer writes deleted. What ``sync`` changed is what the browser is
  told, so a page reloads exactly when its file changed.
- ``render_edited``, the fast path: when every saved file is a post or page
  whose header is as the last build read it but for its title (``Summary:``
  written in it, and a post's ``Date:``, as the content checks require), its own
  page and its checklists' printable pages are rendered at once from the last
  build's state, before the settle that always follows. Also while a settle
  runs: ``settle``'s ``between`` is called in the build's own thread each time it
  reads a post or page or has written a file, and the fast path reads the last
  finished build's state, which the running one does not touch. What it renders
  then is newer than what the running build read: that build's sync leaves it,
  and the settle that follows, with the new sources, makes it exact.
- ``settle_text``, the settle of a text edit: when every saved file was
  rendered by the fast path and only its body changed, and nothing of it that
  another page shows (``_text_alone_changed``: its reading time, its ids, its
  checklists), the settle makes again only what else shows a post's text, the
  feeds and the search index, from the last build's state, the new text put
  onto it. That is what a whole build would change (``tests/test_live_preview.py``
  holds the output equal to a clean build's after each kind of edit).

The map, kept small on purpose: ``BODY_ATTRIBUTES`` and ``OWN_PAGE_FIELDS`` say
what of a post's file reaches its own page and its printable pages;
``outputs_of`` says which files a post or page owns; ``_text_alone_changed``
says when its text shows nowhere else but in the feeds and the search index.
Everything else an edit may change (lists, the Checklists page, the reading
time on list pages) comes with the whole build of the settle, never from the map.

Where this relies on Pelican (4.12) rather than on its documented API: the fast
path reads a post or page and writes its page with the calls its generator's
``generate_context`` and ``generate_output`` make (``KINDS``); Pelican memoizes
``Content.get_content`` per object (so the new body goes on a copy, and
``settle_text`` clears the post's entries when it puts the body on the post);
``ArticlesGenerator.generate_feeds`` writes every feed from the generator's
state; and the settle hears the generators through ``all_generators_finalized``.

A content error found by a build leaves the files of the post or page it is in
as the last good build wrote them, until it is fixed.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import blinker
from content_checks.checks import check_content
from content_checks.findings import ERROR, Problem, findings, read_source
from content_checks.source import header_fields
from pelican import Pelican, signals
from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator, Generator, PagesGenerator
from pelican.plugins.checklists.checklists import Checklist, finish_content
from pelican.plugins.checklists.pages import ChecklistPagesGenerator
from pelican.settings import read_settings
from pelican.writers import Writer
from search_index import search_index

log = logging.getLogger(__name__)

# What a post's body sets on its Article (or a page's on its Page), beyond the
# header: Pelican's `_content` (the HTML before {filename} links are resolved)
# and post_meta's reading time (posts only), both at reading; checklists'
# `checklists` (and its final `_content`) at article_generator_finalized, made
# again by ``finish_content``. Every other attribute comes from the header or
# from other posts, and is the last build's.
BODY_ATTRIBUTES = ("_content", "reading_time")
# Header fields a post's page shows of itself that no list sorts, groups or links
# by, with the attributes Pelican makes of them: a change to them is rendered on
# the post's page and its printable pages first (the lists that show them follow
# with the settle). The page must not move (a title that makes the slug: then no
# fast path).
OWN_PAGE_FIELDS = {"title": ("title",)}
# Header fields that must be written for the header alone to fix what lists show:
# without `Summary:` Pelican cuts one from the body; without `Date:` a post (or,
# with DEFAULT_DATE = "fs", a page) takes the file's time, new at every save.
FIXED_BY_HEADER = ("summary", "date")


# How often a settle of a text edit looks for new saves while Pagefind works.
BETWEEN_SECONDS = 0.05


@dataclass(frozen=True)
class Kind:
    """How Pelican (4.12) reads the posts, or the pages, and which it lists."""

    generator: type[Generator]
    content_class: type[Content]
    preread_signal: blinker.Signal
    context_signal: blinker.Signal
    # The generator's lists of contents: those the site lists (whose checklists
    # have printable pages, as the checklists plugin decides), then the others.
    listed: tuple[str, ...]
    unlisted: tuple[str, ...]


KINDS = (
    Kind(
        ArticlesGenerator,
        Article,
        signals.article_generator_preread,
        signals.article_generator_context,
        ("articles", "translations"),
        ("drafts", "drafts_translations", "hidden_articles", "hidden_translations"),
    ),
    Kind(
        PagesGenerator,
        Page,
        signals.page_generator_preread,
        signals.page_generator_context,
        ("pages", "translations"),
        ("hidden_pages", "hidden_translations", "draft_pages", "draft_translations"),
    ),
)


@dataclass(frozen=True)
class Update:
    """What one rebuild changed in the served folder, and what it found wrong."""

    changed: tuple[str, ...]  # output paths written or deleted, "/"-separated
    problems: tuple[Problem, ...]  # errors only: what the browser overlay shows
    seconds: float
    # False when only the feeds and the search index were made again
    # (``settle_text``), the rest of the site being what the fast path left.
    whole_site: bool = True


def outputs_of(content: Content) -> set[str]:
    """Return the files a build writes for ``content``: its page and checklists'."""
    paths = {content.save_as}
    for checklist in getattr(content, "checklists", []):
        paths |= {checklist.save_as, checklist.qr_save_as}
    return {path for path in paths if path}


def contents_of(generators: Iterable) -> Iterator[Content]:
    """Every post and page the generators read, whatever its status."""
    for generator in generators:
        for kind in KINDS:
            if isinstance(generator, kind.generator):
                for name in kind.listed + kind.unlisted:
                    yield from getattr(generator, name)


def header_of(path: str) -> tuple[tuple[str, str], ...]:
    return tuple((field.key, field.value) for field in header_fields(read_source(path)))


def sync(
    staging: Path, output: Path, keep: set[str], retained: Iterable[str]
) -> list[str]:
    """Make ``output`` hold what ``staging`` holds; return the paths changed.

    Files in ``keep`` stay as they are (a post with an error keeps its last good
    page); top-level names in ``retained`` (Pelican's OUTPUT_RETENTION) too, and
    are not looked into. A file is replaced in one step (``os.replace``), so the
    server never sends half.
    """
    changed, wanted = [], set()
    for folder, _, names in os.walk(staging):
        for name in names:
            source = Path(folder, name)
            path = source.relative_to(staging).as_posix()
            wanted.add(path)
            target = output / path
            if path in keep or _same_bytes(source, target):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
            changed.append(path)
    retained = set(retained)
    for top in os.listdir(output):
        if top in retained:
            continue
        if not (output / top).is_dir() or (output / top).is_symlink():
            if top not in wanted and top not in keep:
                (output / top).unlink()
                changed.append(top)
            continue
        for folder, _, names in os.walk(output / top, topdown=False):
            for name in names:
                path = Path(folder, name).relative_to(output).as_posix()
                if path not in wanted and path not in keep:
                    (output / path).unlink()
                    changed.append(path)
            if not os.listdir(folder):
                os.rmdir(folder)
    return sorted(changed)


def _same_bytes(one: Path, two: Path) -> bool:
    try:
        if one.stat().st_size != two.stat().st_size:
            return False
        return one.read_bytes() == two.read_bytes()
    except FileNotFoundError:
        return False


class _Build:
    """What one Pelican run made, heard through its signals."""

    # Sent once a file at least, while the build reads and while it writes.
    STEPS = (
        signals.article_generator_preread,
        signals.page_generator_preread,
        signals.content_written,
    )

    def __init__(self, between: Callable[[], None] | None) -> None:
        self.generators: list = []
        self.problems: tuple[Problem, ...] = ()
        self.between = between
        self.in_between = False

    def step(self, _sender, **_data) -> None:
        """Call ``between`` once, not again from what it does (the fast path reads)."""
        if self.between is None or self.in_between:
            return
        self.in_between = True
        try:
            self.between()
        finally:
            self.in_between = False

    def remember_generators(self, generators) -> None:
        self.generators = list(generators)

    def remember_problems(self, _pelican, problems: tuple[Problem, ...]) -> None:
        self.problems = problems

    @contextmanager
    def listening(self) -> Iterator[None]:
        reported = blinker.signal("content_checks_reported")
        signals.all_generators_finalized.connect(self.remember_generators)
        reported.connect(self.remember_problems)
        for step in self.STEPS:
            step.connect(self.step)
        try:
            yield
        finally:
            signals.all_generators_finalized.disconnect(self.remember_generators)
            reported.disconnect(self.remember_problems)
            for step in self.STEPS:
                step.disconnect(self.step)


class Preview:
    """The served folder ``output``, kept what a clean build of the sources writes."""

    def __init__(self, settings_file: str | None, override: dict, output: Path) -> None:
        self.settings_file = settings_file
        self.override = override
        self.output = Path(output)
        # Beside the output, on the same file system, so files move in one step.
        self.work = self.output.parent / f".{self.output.name}.preview"
        self.staging = self.work / "site"
        self.cache = self.work / "cache"
        # Where the fast path renders, before a file moves into the output: not
        # the staging folder, which a running build writes.
        self.scratch = self.work / "fast"
        # A folder left by a server that was killed may hold a content cache
        # read with other settings.
        self.close()
        # From the last build: the files each source's last good version wrote,
        # each written post's and page's header and content, and the generators.
        self.outputs_by_source: dict[str, set[str]] = {}
        self.headers: dict[str, tuple] = {}
        self.contents: dict[str, Content] = {}
        self.generators: list[Generator] = []
        # What the fast path wrote since the running (or last) build began.
        self.rendered: set[str] = set()
        # The posts and pages the fast path rendered since the last build whose
        # text alone changed, and nothing of it that another page shows
        # (``_text_alone_changed``): each as read now, by path.
        self.text_edits: dict[str, Content] = {}
        # Whether the last build found no error: a text edit is then settled by
        # ``settle_text`` (after an error, the output holds older pages than the
        # generators).
        self.last_build_sound = False

    def settings(self) -> dict:
        return read_settings(
            self.settings_file,
            override={
                **self.override,
                "OUTPUT_PATH": str(self.staging),
                "DELETE_OUTPUT_DIRECTORY": False,
                "CACHE_CONTENT": True,
                "LOAD_CONTENT_CACHE": True,
                "CACHE_PATH": str(self.cache),
                # Read and written again at every settle, and never copied:
                # compressing it took about 0.4 s a settle on 1,000 posts.
                "GZIP_CACHE": False,
            },
        )

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)

    def _empty_staging(self) -> None:
        """Start the next build in an empty staging folder, at once.

        The last build's folder holds every file the sync did not move (most of
        the site, in a folder per page): deleting it took about 2 s of a 12 s
        settle on 1,000 posts, so it is moved aside and deleted beside the build.
        """
        if not self.staging.exists():
            return
        old = self.work / f"old-{time.monotonic_ns()}"
        os.replace(self.staging, old)
        threading.Thread(
            target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}
        ).start()

    # --- the always-correct path ------------------------------------------------

    def settle(
        self, changed: Iterable[str | Path], between: Callable[[], None] | None = None
    ) -> Update:
        """Build the site again after ``changed`` files changed; sync the output.

        ``between`` is called each time the build reads a file or has written
        one: the fast path may render (``render_edited``) in it what was saved
        since.
        """
        changed = [Path(path) for path in changed]
        texts = self._text_edits_of(changed)
        if texts:
            return self.settle_text(texts, between)
        started = time.perf_counter()
        self._empty_staging()
        self.rendered = set()
        # The headers as they are before the build reads them: a file saved
        # while it runs then differs from them, and the fast path, comparing,
        # renders from the new file what it must, never from an older header.
        headers = {
            path: header_of(path)
            for path in {*self.contents, *map(os.path.abspath, changed)}
            if os.path.isfile(path)
        }
        build = _Build(between)
        settings = self.settings()
        content = Path(settings["PATH"]).resolve()
        if not all(Path(path).resolve().is_relative_to(content) for path in changed):
            # Pelican's content cache knows each post's own file, not the settings
            # or plugins it was read with: after any other change, read them all.
            shutil.rmtree(self.cache, ignore_errors=True)
        self.last_build_sound = False
        try:
            with build.listening():
                Pelican(settings).run()
        except Exception as error:  # noqa: BLE001 - any failure leaves the pages as they were
            self.generators = []
            message = f"The build stopped: {type(error).__name__}: {error}"
            log.error("live_preview: %s. The pages keep their last version.", message)
            problem = Problem(
                "", None, ERROR, message, "see the terminal, fix it and save again."
            )
            return Update((), (problem,), time.perf_counter() - started)
        errors = tuple(
            problem for problem in build.problems if problem.severity == ERROR
        )
        if any(not problem.path for problem in errors):
            # An error in no one file (a setting): the site keeps its last version.
            return Update((), errors, time.perf_counter() - started)
        broken = {os.path.abspath(problem.path) for problem in errors}
        contents = list(contents_of(build.generators))
        outputs = {
            os.path.abspath(content.source_path): outputs_of(content)
            for content in contents
        }
        # What the fast path rendered meanwhile is newer than what the build read.
        keep = self.rendered.union(
            *(self.outputs_by_source.get(path, set()) for path in broken)
        )
        changed = sync(self.staging, self.output, keep, settings["OUTPUT_RETENTION"])
        for path in broken:
            outputs.pop(path, None)
            if path in self.outputs_by_source:
                outputs[path] = self.outputs_by_source[path]
        self.outputs_by_source = outputs
        self.generators = build.generators
        self.contents = {
            os.path.abspath(content.source_path): content
            for content in contents
            if content.save_as
        }
        # Read now only for a post or page neither known nor saved before the
        # build (the first build: the watcher starts after it).
        self.headers = {
            path: headers[path] if path in headers else header_of(path)
            for path in self.contents
            if os.path.isfile(path)
        }
        # What the fast path rendered meanwhile was read from the last build's
        # state: only the next whole build settles it.
        self.text_edits = {}
        self.last_build_sound = not errors
        return Update(tuple(changed), errors, time.perf_counter() - started)

    # --- a post's text alone changed --------------------------------------------

    def _text_edits_of(self, changed: list[Path]) -> dict[str, Content] | None:
        """Return the text edits that are all of ``changed``, if it is nothing else."""
        if not self.last_build_sound:
            return None
        paths = set(self._saved(changed))
        if not paths or not paths <= self.text_edits.keys():
            return None
        return {path: self.text_edits[path] for path in paths}

    def settle_text(
        self, texts: dict[str, Content], between: Callable[[], None] | None = None
    ) -> Update:
        """Settle edits of posts' and pages' text alone, which the fast path rendered.

        The text (``texts``: each post or page as read now, by path) goes onto
        the last build's posts and pages, and what else shows it is made again
        from the last build's generators: the feeds and the search index. The
        rest of the site is what a build would write (``_text_alone_changed``
        says why). Files go into the output through ``sync``, limited to the
        feeds and the search index's folder. ``between`` is called as in
        ``settle``: once the pages are handed to Pagefind, once the feeds are
        written, and while Pagefind makes the index. A text saved meanwhile is
        rendered then and settled by the next settle.
        """
        started = time.perf_counter()
        between = between or (lambda: None)
        for path, page in texts.items():
            del self.text_edits[path]
            _adopt_text(self.contents[path], page)
        folder = self.work / "text"
        shutil.rmtree(folder, ignore_errors=True)
        problems: tuple[Problem, ...] = ()
        # Every file of the output stays but the feeds written and, when made
        # again, the search index's, which Pagefind makes while the feeds are.
        others = set(os.listdir(self.output))
        indexer = None
        if search_index.build.handed:
            try:
                indexer = search_index.build.index_again(self.output)
            except search_index.SearchIndexError as error:
                problems = _search_index_failed(error)
        between()
        articles = self._generator(ArticlesGenerator)
        if articles is not None and any(
            isinstance(page, Article) for page in texts.values()
        ):
            writer = Writer(str(folder), settings=articles.settings)
            with signals.content_written.muted():
                articles.generate_feeds(writer)
        between()
        if indexer is not None:
            while not indexer.files_made(timeout=BETWEEN_SECONDS):
                between()
            try:
                files = indexer.files()
            except search_index.SearchIndexError as error:
                problems = _search_index_failed(error)
            else:
                search_index.write_bundle(files, folder / search_index.FOLDER)
                others.discard(search_index.FOLDER)
        changed = sync(folder, self.output, set(), others) if folder.exists() else []
        self.last_build_sound = not problems
        return Update(
            tuple(changed), problems, time.perf_counter() - started, whole_site=False
        )

    # --- the fast path ----------------------------------------------------------

    def edited_fields(self, path: str) -> set[str] | None:
        """Return the header fields an edit of the post or page ``path`` changed.

        None when the fast path cannot render the edit: ``path`` is no written
        post or page of the last build, or a header field other than those its
        own page alone shows was changed, added or removed.
        """
        content = self.contents.get(path)
        if content is None or not os.path.isfile(path):
            return None
        before, now = self.headers.get(path, ()), header_of(path)
        keys = [key for key, _ in now]
        needed = set(FIXED_BY_HEADER)
        if isinstance(content, Page) and content.settings.get("DEFAULT_DATE") != "fs":
            needed.discard("date")  # a page is dated by nothing else
        if keys != [key for key, _ in before] or not needed <= set(keys):
            return None
        edited = {
            key
            for (key, value), (_, old) in zip(now, before, strict=True)
            if value != old
        }
        return edited if edited <= set(OWN_PAGE_FIELDS) else None

    def render_edited(self, paths: Iterable[str]) -> tuple[str, ...]:
        """Render each post or page edited in its body or title; return the files.

        Its own page and its checklists' printable pages, which must be where
        the last build wrote them (so their QR codes stay as they are). Nothing
        is rendered unless every path is such a post or page, and nothing for one
        whose new text the content checks find an error in: the settle that
        follows reports it.
        """
        paths = self._saved(paths)
        for path in paths:
            self.text_edits.pop(path, None)
        edits = {path: self.edited_fields(path) for path in paths}
        printable = self._generator(ChecklistPagesGenerator)
        if printable is None or not edits or None in edits.values():
            return ()
        written: list[str] = []
        for path, fields in edits.items():
            content = self.contents[path]
            kind = next(
                kind for kind in KINDS if isinstance(content, kind.content_class)
            )
            generator = self._generator(kind.generator)
            page = self._read_again(generator, kind, content, fields)
            if page is None:
                break
            files = [page.save_as]
            writer = Writer(str(self.scratch), settings=generator.settings)
            # As the generators write (Pelican 4.12), but heard by no plugin:
            # this is no build (the settle that follows is), and a plugin's
            # state is that of the last build.
            with signals.content_written.muted():
                _write_own_page(writer, generator, page)
                for checklist in page.checklists:
                    if checklist.save_as:
                        printable.write_printable(writer, checklist)
                        files.append(checklist.save_as)
            for file in files:
                os.replace(self.scratch / file, self.output / file)
            written += files
            if not fields and _text_alone_changed(content, page):
                self.text_edits[path] = page
        self.rendered.update(written)
        return tuple(written)

    def _saved(self, paths: Iterable[str | Path]) -> list[str]:
        """Return the absolute paths of ``paths``, but an editor's scratch files.

        A file gone that the build never read was one: a new version written
        beside the post, then moved onto it.
        """
        return [
            path
            for path in map(os.path.abspath, paths)
            if path in self.contents or os.path.exists(path)
        ]

    def _generator(self, kind: type[Generator]) -> Generator | None:
        """Return the last build's generator of class ``kind``, if it had one."""
        return next((g for g in self.generators if isinstance(g, kind)), None)

    def _read_again(
        self, generator: Generator, kind: Kind, content: Content, fields: set[str]
    ) -> Content | None:
        """Return ``content`` as its file reads now; None on any problem."""
        found = len(findings.problems)
        try:
            # As the generator's generate_context reads it (Pelican 4.12).
            fresh = generator.readers.read_file(
                base_path=generator.path,
                path=content.source_path,
                content_class=kind.content_class,
                context=generator.context,
                preread_signal=kind.preread_signal,
                preread_sender=generator,
                context_signal=kind.context_signal,
                context_sender=generator,
            )
            if fresh.save_as != content.save_as:
                return None  # a title that makes the slug: the page moved
            # The edited header fields go onto the last build's post itself, which
            # its series and neighbours' lists hold.
            for name in fields:
                content.metadata[name] = fresh.metadata[name]
                for attribute in OWN_PAGE_FIELDS[name]:
                    setattr(content, attribute, getattr(fresh, attribute))
            # The body onto a copy: a new object, so that Pelican's memoized
            # get_content reads the new body.
            page = copy.copy(content)
            for name in BODY_ATTRIBUTES:
                if hasattr(fresh, name):
                    setattr(page, name, getattr(fresh, name))
            listed = any(
                content is other
                for name in kind.listed
                for other in getattr(generator, name)
            )
            finish_content(page, listed, generator)
            owned = self.outputs_by_source.get(os.path.abspath(content.source_path))
            if _printable_pages_moved(page, content, owned or set(), generator.context):
                return None
            check_content(page, str(self.output), [])
        except Exception:  # noqa: BLE001 - the settle reports it, as a build does
            log.debug(
                "live_preview: no fast path for %s", content.source_path, exc_info=True
            )
            return None
        finally:
            new_problems = findings.problems[found:]
            del findings.problems[found:]
        if any(problem.severity == ERROR for problem in new_problems):
            return None
        return page


def _printable_pages_moved(
    page: Content, content: Content, owned: set[str], context: dict
) -> bool:
    """Whether a checklist of ``page`` has a printable page not where it was.

    ``content`` is the post or page as the last build read it, which wrote the
    files ``owned``. A new address (a checklist added, or its heading or pin
    changed) is linked from the page before anything is written there, which
    the content checks rightly report, and only the build can tell whether its
    id is another checklist's (``pages.py`` reports that, and the settle then
    keeps the last good pages).
    """
    ids = [checklist.id for checklist in page.checklists if checklist.save_as]
    others = {
        checklist.id
        for checklist in context.get("checklists", [])
        if checklist.source is not content
    }
    return (
        len(set(ids)) < len(ids)
        or not others.isdisjoint(ids)
        or not {c.save_as for c in page.checklists if c.save_as} <= owned
    )


def _search_index_failed(error: Exception) -> tuple[Problem]:
    """Report that Pagefind failed, as a build does; the last index stays."""
    log.error("%s", error)
    return (Problem("", None, ERROR, str(error), "see the terminal."),)


# An element's id in a post's HTML, as Python-Markdown and the checklists write it.
ID_RE = re.compile(r'\sid="([^"]*)"')


def _text_alone_changed(content: Content, page: Content) -> bool:
    """Return whether ``page`` (``content`` read again) differs only in its text.

    Its body (``BODY_ATTRIBUTES``), with the header unchanged, shows on its own
    pages, in the feeds and in the search index, and nowhere else, unless:
    the reading time changed (the lists show it); an id changed (another post's
    link to it is checked against it); a link to a static file changed (a build
    copies each file a post links to, in STATIC_PATHS or not); a checklist
    changed (the Checklists page, the series' checklist pages and
    ``checklists/index.json`` show it).
    """
    return (
        getattr(page, "reading_time", None) == getattr(content, "reading_time", None)
        and ID_RE.findall(page.content) == ID_RE.findall(content.content)
        and page.get_static_links() == content.get_static_links()
        and list(map(_checklist_fields, page.checklists))
        == list(map(_checklist_fields, content.checklists))
    )


def _checklist_fields(checklist: Checklist) -> tuple:
    """Return what other pages show of ``checklist``: all but the post it is in."""
    return tuple(
        getattr(checklist, field.name)
        for field in dataclasses.fields(checklist)
        if field.compare and field.name != "source"
    )


def _adopt_text(content: Content, page: Content) -> None:
    """Give the last build's ``content`` the text of ``page``, ``content`` read again.

    Its checklists stay: ``_text_alone_changed`` found them equal. Pelican
    (4.12) memoizes ``get_content`` and ``get_summary`` in a dict of each
    method, by the object and the site's address: this post's entries go.
    """
    for name in BODY_ATTRIBUTES:
        if hasattr(page, name):
            setattr(content, name, getattr(page, name))
    for method in (Content.get_content, Content.get_summary):
        for key in [key for key in method.cache if key[0] is content]:
            del method.cache[key]


def _write_own_page(writer: Writer, generator: Generator, content: Content) -> None:
    """Write the page of ``content`` with the call its generator makes (Pelican 4.12).

    ``ArticlesGenerator.generate_articles`` for a post,
    ``PagesGenerator.generate_output`` for a page.
    """
    if isinstance(content, Article):
        own = {
            "article": content,
            "category": getattr(content, "category", None),
            "blog": True,
        }
    else:
        own = {"page": content}
    writer.write_file(
        content.save_as,
        generator.get_template(content.template),
        generator.context,
        relative_urls=generator.settings["RELATIVE_URLS"],
        override_output=hasattr(content, "override_save_as"),
        url=content.url,
        **own,
    )
