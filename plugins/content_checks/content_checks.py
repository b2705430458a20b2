"""Content checks: every mistake an author can make in a post, said once, clearly.

Each problem is one entry in a summary printed at the end of the build::

    content/posts/job-fair.md:2: error: The date "2026-13-45" is not a date ...
        Fix: write it as YYYY-MM-DD HH:MM, for example "Date: 2026-11-26 09:30".

naming the file, the line where there is one, what is wrong and how to fix it.
Errors are problems that would publish a wrong or broken page; warnings are
advice. No Python traceback is shown for a mistake in content.

Where the problems come from:

- Pelican's own messages about content (a file it skipped, a link it could not
  resolve, two posts with one address) are caught by a logging handler, replaced
  by a message that names the file and line, and kept out of the log.
- This plugin's checks of every post and page once the site is written (summary,
  tags, links and images, series names, placeholders left by ``make newpost``).
- Another plugin reports a problem in a content file through the same summary by
  logging it with ``extra={"content_path": <file>, "content_line": <line or
  None>, "content_fix": <how to fix it>}``; its level (warning or error) is kept.
- Any other warning or error logged during the build stays in the log as it was
  and counts as an error: the site is only as trustworthy as its quietest warning.

Settings (defaults set at ``initialized``):

- ``CONTENT_CHECKS_FAIL_BUILD`` (False): end the build with exit status 1 when
  there is an error (after every other page is written). The Makefile turns it on
  for ``make html``, ``make check`` and ``make publish``; ``make serve`` leaves it
  off so the preview keeps running, and so does Pelican used as a library.
- ``CONTENT_CHECKS_LONG_POST_WORDS`` (3000): a post longer than this needs
  headings.
- ``CONTENT_CHECKS_SUMMARY_MAX_CHARS`` (300): the longest summary without a
  warning.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup
from pelican import signals
from pelican.contents import Article, Content
from pelican.log import console
from pelican.utils import get_date
from rich.text import Text

from .source import (
    PLACEHOLDER,
    HeaderField,
    field_line,
    first_text_line,
    header_fields,
    is_yaml_front_matter,
    lines_containing,
    utf8_error,
)

log = logging.getLogger(__name__)

DEFAULT_SETTINGS: dict[str, Any] = {
    "CONTENT_CHECKS_FAIL_BUILD": False,
    "CONTENT_CHECKS_LONG_POST_WORDS": 3000,
    "CONTENT_CHECKS_SUMMARY_MAX_CHARS": 300,
}
ERROR = "error"
WARNING = "warning"
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
# An intrasite link Pelican did not replace still starts with its indicator.
UNRESOLVED_LINK_RE = re.compile(r"^[{|](?P<what>[^}|]*)[}|](?P<target>.*)$")
EXAMPLE_DATE = "2026-11-26 09:30"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content, as the author is told about it."""

    path: str  # shown as it is: relative to the working folder where possible
    line: int | None
    severity: str  # ERROR or WARNING
    message: str  # what is wrong, and what it does to the site
    fix: str  # how to put it right

    def location(self) -> str:
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path


def display_path(path: str) -> str:
    """Return ``path`` relative to the working folder when it is inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative


def read_source(path: str) -> str:
    """Return a content file's text as the author sees it (undecodable bytes as �)."""
    with open(path, encoding="utf-8-sig", errors="replace") as source:
        return source.read()


def _kind(content: Content) -> str:
    return "post" if isinstance(content, Article) else "page"


def _field_example(text: str, key: str, value: str) -> str:
    """Write a header field the way this file writes its header."""
    if is_yaml_front_matter(text):
        return f"{key.lower()}: {value}"
    return f"{key}: {value}"


@dataclass
class _Build:
    """What one run of Pelican found (``make serve`` runs Pelican many times)."""

    settings: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    # Files already reported as unreadable: Pelican's follow-up message about the
    # same file ("no title") would only repeat the cause in other words.
    unreadable: set[str] = field(default_factory=set)
    articles: list[Article] = field(default_factory=list)
    pages: list[Content] = field(default_factory=list)
    context: dict[str, Any] = field(default_factory=dict)
    run_started: bool = False

    def add(
        self, path: str, line: int | None, severity: str, message: str, fix: str
    ) -> None:
        shown = display_path(path) if path else ""
        self.problems.append(Problem(shown, line, severity, message, fix))


_build = _Build(settings=DEFAULT_SETTINGS)


# --- Pelican's own messages -------------------------------------------------------

# Pelican's message templates (``record.msg``), matched exactly.
MISSING_PROPERTY = "Skipping %s: could not find information about '%s'"
UNREADABLE = "Could not process %s"
UNKNOWN_STATUS = "Unknown status '%s' for file %s, skipping it. (Not in %s)"
DUPLICATE_FIELD = "Duplicate definition of `%s` for %s. Using first one."
YAML_UNPARSABLE = "Error parsing YAML for file '%s"
YAML_NOT_MAPPING = "YAML header didn't parse as a dict for file '%s'"
# Messages that the checks of this plugin report better, with file and line.
REPORTED_BY_CHECKS = {
    "Unable to find '%s', skipping url replacement.",
    "Other resources were not found and their urls not replaced",
    "Replacement Indicator %r not recognized in %r, skipping replacement",
    "Empty alt attribute for image %s in %s",
    "Other images have empty alt attributes",
}
# A {static} link to a file that does not exist: Pelican cannot date the file.
MISSING_STATIC_FILE = "Cannot get modification stamp for %s\n\t%s"
# Two items with one slug: the message grows with the number of files.
SAME_SLUG_PREFIXES = (
    'There are %s items "%s" with lang %s',
    "There are %s original (not translated) items %s",
)


def _missing_property(record: logging.LogRecord, _exc: BaseException | None):
    content, prop = record.args
    path = content.source_path
    if path in _build.unreadable:
        return
    text = read_source(path)
    fields = header_fields(text)
    kind = _kind(content)
    example = {"title": "Following up after a job fair", "date": EXAMPLE_DATE}
    fix_field = _field_example(text, prop.capitalize(), example.get(prop, "..."))
    line = field_line(fields, prop)
    if line is not None:
        _build.add(
            path,
            line,
            ERROR,
            f"The {prop.capitalize()} line is empty, so this {kind} was left out of "
            "the site.",
            f'write the {prop} after the colon: "{fix_field}".',
        )
    elif not fields and first_text_line(text) > 1:
        _build.add(
            path,
            1,
            ERROR,
            "The file starts with a blank line, so Pelican read no header at all "
            f"(no title, no date) and left this {kind} out of the site.",
            "delete the blank lines above the header: its first field must be on "
            "line 1.",
        )
    else:
        _build.add(
            path,
            1,
            ERROR,
            f"This {kind} has no {prop.capitalize()} line, so it was left out of the "
            "site.",
            f'add a line to the header at the top of the file: "{fix_field}".',
        )


def _date_problem(path: str, text: str, kind: str) -> bool:
    """Report the first Date or Modified field Pelican cannot read; False if none."""
    for header in header_fields(text):
        if header.key not in ("date", "modified"):
            continue
        try:
            get_date(header.value.replace("_", " "))
        except ValueError:
            name = header.key.capitalize()
            wrong = (
                f"The {name} line is empty"
                if not header.value
                else f'The {name.lower()} "{header.value}" is not a real date, or '
                "not written in a form Pelican can read"
            )
            _build.add(
                path,
                header.line,
                ERROR,
                f"{wrong}, so this {kind} was left out of the site.",
                "write it as YYYY-MM-DD HH:MM (the time is optional), for example "
                f'"{_field_example(text, name, EXAMPLE_DATE)}".',
            )
            return True
    return False


def _unreadable(record: logging.LogRecord, exc: BaseException | None):
    path = os.path.abspath(os.path.join(_build.settings["PATH"], record.args[0]))
    kind = "page" if _is_page(path) else "post"
    _build.unreadable.add(path)
    with open(path, "rb") as source:
        data = source.read()
    encoding = utf8_error(data)
    if encoding is not None:
        meaning = (
            f' ("{encoding.cp1252_guess}" in the Windows-1252 encoding)'
            if encoding.cp1252_guess.isprintable() and encoding.cp1252_guess
            else ""
        )
        _build.add(
            path,
            encoding.line,
            ERROR,
            f"The file is not saved as UTF-8: column {encoding.column} has the byte "
            f"0x{encoding.byte:02X}{meaning}, so this {kind} was left out of the site.",
            "save the file as UTF-8 in your editor (usually File > Save As > "
            "Encoding: UTF-8), then check the characters on that line.",
        )
        return
    if _date_problem(path, data.decode("utf-8-sig"), kind):
        return
    _build.add(
        path,
        None,
        ERROR,
        f"Pelican could not read this file ({type(exc).__name__}: {exc}), so this "
        f"{kind} was left out of the site.",
        "check the header at the top of the file and the Markdown the message "
        "points to.",
    )


def _is_page(path: str) -> bool:
    pages = [
        os.path.join(_build.settings["PATH"], folder)
        for folder in _build.settings["PAGE_PATHS"]
    ]
    return any(os.path.abspath(path).startswith(os.path.abspath(p)) for p in pages)


def _unknown_status(record: logging.LogRecord, _exc: BaseException | None):
    status, content, _allowed = record.args
    text = read_source(content.source_path)
    kind = _kind(content)
    _build.add(
        content.source_path,
        field_line(header_fields(text), "status"),
        ERROR,
        f'The status "{status}" is not one Pelican knows, so this {kind} was left '
        "out of the site.",
        f'write "{_field_example(text, "Status", "draft")}" to preview it with make '
        f'serve, or "{_field_example(text, "Status", "published")}" (or no Status '
        "line) to publish it.",
    )


def _duplicate_field(record: logging.LogRecord, _exc: BaseException | None):
    name, path = record.args
    lines = [f.line for f in header_fields(read_source(path)) if f.key == name]
    shown = name.capitalize()
    _build.add(
        path,
        lines[1] if len(lines) > 1 else None,
        ERROR,
        f"The header has {len(lines)} {shown} lines "
        f"({', '.join(map(str, lines))}); only the first one is used.",
        f"keep one {shown} line and delete the other.",
    )


def _yaml_unparsable(record: logging.LogRecord, exc: BaseException | None):
    path = record.args[0]
    _build.unreadable.add(path)
    text = read_source(path)
    kind = "page" if _is_page(path) else "post"
    if _date_problem(path, text, kind):
        return
    mark = getattr(exc, "problem_mark", None)
    # The YAML text starts at the end of the opening `---` line: its line 0.
    line = first_text_line(text) + mark.line if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    _build.add(
        path,
        line,
        ERROR,
        f"The YAML front matter cannot be read ({problem}), so this {kind} was left "
        "out of the site.",
        'correct that line. A value that contains ": " or starts with one of '
        "[ { * & ! | > ' \" % @ ` needs quotes around it, for example "
        'title: "Interviews: what to ask".',
    )


def _yaml_not_mapping(record: logging.LogRecord, _exc: BaseException | None):
    path = record.args[0]
    _build.unreadable.add(path)
    text = read_source(path)
    _build.add(
        path,
        first_text_line(text),
        ERROR,
        'The YAML front matter between the "---" lines is not a list of '
        '"key: value" fields, so this post was left out of the site.',
        'write one field per line, such as "title: Following up after a job fair".',
    )


TRANSLATORS: dict[str, Callable[[logging.LogRecord, BaseException | None], None]] = {
    MISSING_PROPERTY: _missing_property,
    UNREADABLE: _unreadable,
    UNKNOWN_STATUS: _unknown_status,
    DUPLICATE_FIELD: _duplicate_field,
    YAML_UNPARSABLE: _yaml_unparsable,
    YAML_NOT_MAPPING: _yaml_not_mapping,
}


def _is_reported_here(record: logging.LogRecord) -> bool:
    """Return True for a message this plugin replaces with its own."""
    message = record.msg if isinstance(record.msg, str) else ""
    return (
        hasattr(record, "content_path")
        or message in TRANSLATORS
        or message in REPORTED_BY_CHECKS
        or message.startswith(SAME_SLUG_PREFIXES)
        or (message == MISSING_STATIC_FILE and not os.path.exists(record.args[0]))
    )


class _ProblemCollector(logging.Handler):
    """Turn each warning or error logged during a build into a problem."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        # Handlers run inside the `except` block that logged the record, so the
        # exception is still at hand when the record itself does not carry it.
        exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        try:
            _collect(record, exc)
        except Exception:  # a problem report must never crash the build
            _build.add("", None, ERROR, record.getMessage(), "see the log above.")


def _collect(record: logging.LogRecord, exc: BaseException | None) -> None:
    if hasattr(record, "content_path"):
        _build.add(
            record.content_path,
            getattr(record, "content_line", None),
            ERROR if record.levelno >= logging.ERROR else WARNING,
            record.getMessage(),
            getattr(record, "content_fix", ""),
        )
        return
    message = record.msg if isinstance(record.msg, str) else ""
    translate = TRANSLATORS.get(message)
    if translate is not None:
        translate(record, exc)
    elif not _is_reported_here(record):
        # Shown in the log as it happened, and counted: a warning there means
        # the site may not be what the author expects.
        level = "warning" if record.levelno < logging.ERROR else "error"
        _build.add(
            "",
            None,
            ERROR,
            f"{record.getMessage()} ({level} from {record.name}, in the log above)",
            "",
        )


class _HideReportedHere(logging.Filter):
    """Keep the messages this plugin replaces out of the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _is_reported_here(record)


_collector = _ProblemCollector()
_hide_reported_here = _HideReportedHere()


def _install_log_handlers() -> None:
    root = logging.getLogger()
    if _collector not in root.handlers:
        root.addHandler(_collector)
    for handler in root.handlers:
        if handler is not _collector and _hide_reported_here not in handler.filters:
            handler.addFilter(_hide_reported_here)


# --- Signal receivers ----------------------------------------------------------


def initialize(pelican) -> None:
    global _build  # noqa: PLW0603 - one build's findings, reset for each new run
    for name, value in DEFAULT_SETTINGS.items():
        pelican.settings.setdefault(name, value)
    for name in ("CONTENT_CHECKS_LONG_POST_WORDS", "CONTENT_CHECKS_SUMMARY_MAX_CHARS"):
        value = pelican.settings[name]
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            log.error(
                "content_checks: %s must be a positive whole number, not %r; using %d",
                name,
                value,
                DEFAULT_SETTINGS[name],
            )
            pelican.settings[name] = DEFAULT_SETTINGS[name]
    _build = _Build(settings=pelican.settings)
    _install_log_handlers()


def start_run(generator) -> None:
    """Begin a new build: ``make serve`` runs Pelican again on every save."""
    global _build  # noqa: PLW0603
    if _build.run_started:
        _build = _Build(settings=generator.settings)
    _build.run_started = True
    _install_log_handlers()


def normalize_metadata(content: Content) -> None:
    """Read the header the way an author means it, before anything uses it.

    - An empty ``Series:`` (as ``make newpost`` writes it) means no series;
      pelican-series would otherwise start a series with an empty name.
    - ``Status: Draft`` means ``draft``: Pelican only knows lower-case statuses.
    - ``draft: true`` (Hugo and Jekyll front matter) means ``Status: draft``, so
      an imported draft is not published by mistake.
    - ``Series_index`` must be a whole number; pelican-series would crash on it.
    """
    metadata = content.metadata
    for key in ("series", "series_index"):
        if key in metadata and not str(metadata[key]).strip():
            del metadata[key]
            delattr(content, key)
    if isinstance(content.status, str) and content.status.lower() != content.status:
        content.status = metadata["status"] = content.status.lower()
    if metadata.get("draft") is True and "status" not in metadata:
        content.status = metadata["status"] = "draft"
    index = metadata.get("series_index")
    if index is not None and not str(index).strip().isdigit():
        text = read_source(content.source_path)
        _build.add(
            content.source_path,
            field_line(header_fields(text), "series_index"),
            ERROR,
            f'Series_index "{index}" is not a whole number, so this post\'s place '
            "in its series is unknown.",
            "write its place as a number, for example "
            f'"{_field_example(text, "Series_index", "2")}", or delete the line to '
            "order the series by date.",
        )
        del metadata["series_index"]


def drop_duplicate_slugs(generator) -> None:
    """Keep one post per address: Pelican would crash writing the second one."""
    for group in ("articles", "hidden_articles", "drafts"):
        items = getattr(generator, group)
        for dropped in _duplicates(items):
            items.remove(dropped)


def check_pages(generator) -> None:
    """Keep one page per address, then remember the pages for the final checks."""
    for group in ("pages", "hidden_pages", "draft_pages"):
        items = getattr(generator, group)
        for dropped in _duplicates(items):
            items.remove(dropped)
    _build.pages = [
        *generator.pages,
        *generator.translations,
        *generator.hidden_pages,
        *generator.hidden_translations,
        *generator.draft_pages,
        *generator.draft_translations,
    ]


def _duplicates(items: list[Content]) -> list[Content]:
    """Report and return every item written where an earlier one is written."""
    by_address: dict[str, list[Content]] = defaultdict(list)
    for item in items:
        by_address[item.save_as].append(item)
    dropped = []
    for group in by_address.values():
        # The earliest post keeps the address: it is most likely the one readers
        # already have links to.
        keep, *others = sorted(group, key=_oldest_first)
        for other in others:
            text = read_source(other.source_path)
            fields = header_fields(text)
            has_slug = field_line(fields, "slug") is not None
            kind = _kind(other)
            _build.add(
                other.source_path,
                field_line(fields, "slug") or field_line(fields, "title"),
                ERROR,
                f'This {kind} has the slug "{other.slug}", like '
                f"{display_path(keep.source_path)}: both would be written to "
                f"/{keep.url}, so this {kind} was left out of the site.",
                "give this "
                + kind
                + (
                    " a different Slug line."
                    if has_slug
                    else ' a Slug line with an address of its own, such as "'
                    + _field_example(text, "Slug", other.slug + "-2")
                    + '" (the slug comes from the title when there is no Slug line).'
                ),
            )
            dropped.append(other)
    return dropped


def _oldest_first(item: Content) -> tuple:
    date = getattr(item, "date", None)
    return (date.timestamp() if date else 0, item.source_path)


def remember_articles(generator) -> None:
    _build.context = generator.context
    _build.articles = [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]


def report(pelican) -> None:
    """Check every post and page of the written site; print the summary."""
    global _build  # noqa: PLW0603
    build = _build
    settings = build.settings
    tags_in_use = sorted(
        {str(tag) for a in build.articles for tag in getattr(a, "tags", [])},
        key=str.casefold,
    )
    for content in [*build.articles, *build.pages]:
        check_content(content, settings, pelican.output_path, tags_in_use)
    check_series(build.articles)
    fail = settings["CONTENT_CHECKS_FAIL_BUILD"]
    print_report(build.problems, len(build.articles), len(build.pages), fail)
    _build = _Build(settings=settings)
    errors = sum(problem.severity == ERROR for problem in build.problems)
    if errors and fail:
        # Pelican has no exit status for a plugin to set, and an exception would
        # print a traceback; every page is written by now, so stop here.
        raise SystemExit(1)


# --- Checks of one post or page ------------------------------------------------


def check_content(
    content: Content, settings: dict, output_path: str, tags_in_use: list[str]
) -> None:
    path = content.source_path
    text = read_source(path)
    fields = header_fields(text)
    kind = _kind(content)
    lines = _LineFinder(text)

    if not str(getattr(content, "title", "")).strip():
        _build.add(
            path,
            field_line(fields, "title"),
            ERROR,
            f"The Title line is empty, so this {kind} has no heading and no name in "
            "lists.",
            "write the title after the colon: "
            f'"{_field_example(text, "Title", "Following up after a job fair")}".',
        )
    _check_links(content, output_path, settings, lines)
    if not isinstance(content, Article):
        return
    if content.status == "published":
        _check_published(content, text, fields, lines)
    _check_summary_length(content, fields, settings)
    if not getattr(content, "tags", None):
        used = f" Tags already in use: {', '.join(tags_in_use)}." if tags_in_use else ""
        _build.add(
            path,
            1,
            WARNING,
            "This post has no tags, so no topic page lists it.",
            "add a Tags line to the header, with tags separated by commas: "
            f'"{_field_example(text, "Tags", "networking, follow-up")}".{used}',
        )
    _check_long_post(content, settings)


def _check_published(
    content: Article, text: str, fields: list[HeaderField], lines: _LineFinder
) -> None:
    path = content.source_path
    summary_line = field_line(fields, "summary")
    if "summary" not in content.metadata:
        _build.add(
            path,
            1,
            ERROR,
            "This published post has no Summary line. The home page, search results "
            "and link previews show the summary; without one they show the post's "
            "first words, cut off.",
            "add a Summary line to the header: one or two sentences that say what a "
            "reader gets from the post.",
        )
    elif PLACEHOLDER in content.metadata["summary"]:
        _build.add(
            path,
            summary_line,
            ERROR,
            "The summary of this published post is still the placeholder that make "
            "newpost wrote.",
            "replace it with one or two sentences that say what a reader gets from "
            "the post.",
        )
    placeholder_lines = [
        line for line in lines_containing(text, PLACEHOLDER) if line != summary_line
    ]
    if placeholder_lines:
        _build.add(
            path,
            placeholder_lines[0],
            ERROR,
            f'This published post still has placeholder text ("{PLACEHOLDER} ...") '
            f"from make newpost, on lines {', '.join(map(str, placeholder_lines))}.",
            "replace each placeholder with your own text, or set "
            f'"{_field_example(text, "Status", "draft")}" until the post is '
            "finished.",
        )


def _text_of(html: str) -> str:
    return " ".join(BeautifulSoup(html or "", "html.parser").get_text(" ").split())


def _check_summary_length(
    content: Article, fields: list[HeaderField], settings: dict
) -> None:
    limit = settings["CONTENT_CHECKS_SUMMARY_MAX_CHARS"]
    if "summary" not in content.metadata:
        return
    length = len(_text_of(content.metadata["summary"]))
    if length > limit:
        _build.add(
            content.source_path,
            field_line(fields, "summary"),
            WARNING,
            f"The summary is {length} characters long. Search results cut off a "
            f"summary longer than {limit} characters, and a long one crowds the "
            "home page.",
            f"shorten it to one or two sentences of at most {limit} characters.",
        )


def _check_long_post(content: Article, settings: dict) -> None:
    limit = settings["CONTENT_CHECKS_LONG_POST_WORDS"]
    body = BeautifulSoup(content.content or "", "html.parser")
    words = len(body.get_text(" ").split())
    if words > limit and body.find(HEADINGS) is None:
        _build.add(
            content.source_path,
            None,
            WARNING,
            f"This post is {words:,} words long and has no headings, so a reader "
            "cannot skim it or find their place again.",
            "break it into parts, each under a heading (a line that starts with "
            '"## ").',
        )


# --- Links and images ------------------------------------------------------------


class _LineFinder:
    """Find the source line of each link, in order, when a link appears twice."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.used: dict[str, int] = defaultdict(int)

    def find(self, *needles: str) -> int | None:
        for needle in needles:
            found = lines_containing(self.text, needle)
            if found:
                index = min(self.used[needle], len(found) - 1)
                self.used[needle] += 1
                return found[index]
        return None


def _check_links(
    content: Content, output_path: str, settings: dict, lines: _LineFinder
) -> None:
    html = (content.content or "") + content.metadata.get("summary", "")
    page = BeautifulSoup(html, "html.parser")
    for link in page.find_all("a", href=True):
        problem = _link_problem(content, link["href"], output_path, settings)
        if problem:
            message, fix = problem
            line = lines.find(link["href"], f"[{link.get_text()}]")
            _build.add(content.source_path, line, ERROR, message, fix)
    for image in page.find_all("img"):
        _check_image(content, image, output_path, settings, lines)


def _check_image(content, image, output_path, settings, lines) -> None:
    src = image.get("src", "").strip()
    line = lines.find(src, os.path.basename(src)) if src else None
    if not image.get("alt", "").strip():
        _build.add(
            content.source_path,
            line,
            ERROR,
            f"The image {src} has no alt text, so people who cannot see it are told "
            "nothing about it.",
            "describe what the image shows inside the square brackets: "
            f"![A job fair hall with rows of stands]({src}).",
        )
    if not src:
        return
    parts = urlsplit(src)
    if parts.scheme == "data":
        return
    site = urlsplit(settings["SITEURL"])
    if (parts.scheme or parts.netloc) and parts.netloc != site.netloc:
        _build.add(
            content.source_path,
            line,
            ERROR,
            f"The image {src} is on another website. The site loads nothing from "
            "other websites (its Content-Security-Policy blocks it), so readers "
            "would see no image.",
            "save the image in content/images/ (if its licence allows) and write "
            "it as {static}/images/<file name>.",
        )
        return
    problem = _link_problem(content, src, output_path, settings, image=True)
    if problem:
        message, fix = problem
        _build.add(content.source_path, line, ERROR, message, fix)


def _link_problem(
    content: Content, href: str, output_path: str, settings: dict, image=False
) -> tuple[str, str] | None:
    """Return (what is wrong, how to fix it) for a link that leads nowhere."""
    what = "image" if image else "link"
    unresolved = UNRESOLVED_LINK_RE.match(href)
    if unresolved:
        return _unresolved_problem(content, href, unresolved, what)
    address = _site_address(content, href, settings)
    if address is None or _written(output_path, address):
        return None
    goes_to = "" if address == href else f" (the address {address})"
    if image:
        return (
            f"The image {href}{goes_to} does not exist in the site.",
            "put the image in content/images/ and write it as "
            "{static}/images/<file name>, or correct the name.",
        )
    return (
        f"The link {href}{goes_to} goes to a page this site does not have.",
        "correct the address, or link to the post's file with "
        "{filename}/posts/<file>.md: the build then finds its address for you, and "
        "tells you if the file is missing.",
    )


def _site_address(content: Content, href: str, settings: dict) -> str | None:
    """Return the address on this site that ``href`` leads to.

    None for a link that leaves the page's site (another website, ``mailto:``)
    or stays on the page (``#section``).
    """
    parts = urlsplit(href)
    site = urlsplit(settings["SITEURL"])
    if parts.scheme not in ("", "http", "https"):
        return None
    if (parts.scheme or parts.netloc) and parts.netloc != site.netloc:
        return None
    if not parts.path:
        return None
    path = parts.path
    if parts.netloc and site.path and path.startswith(site.path):
        path = path[len(site.path) :]
    return urljoin("/" + content.url, path)


def _written(output_path: str, address: str) -> bool:
    target = os.path.join(output_path, unquote(address).lstrip("/"))
    if address.endswith("/") or os.path.isdir(target):
        target = os.path.join(target, "index.html")
    return os.path.isfile(target)


def _unresolved_problem(
    content: Content, href: str, match: re.Match, what: str
) -> tuple[str, str]:
    indicator, target = match["what"], urlsplit(match["target"]).path
    if indicator not in ("filename", "static", "attach"):
        return (
            f'The {what} {href} starts with "{{{indicator}}}", which Pelican does not '
            "know, so it leads nowhere.",
            "write {filename} to link to a post or page, or {static} for an image "
            "or another file.",
        )
    content_root = _build.settings["PATH"]
    if target.startswith("/"):
        relative = target.lstrip("/")
    else:
        relative = os.path.normpath(os.path.join(content.relative_dir, target))
    expected = display_path(os.path.join(content_root, relative))
    known = (
        _build.context.get("generated_content", {})
        if indicator == "filename"
        else _build.context.get("static_content", {})
    )
    close = difflib.get_close_matches(relative, list(known), n=1)
    suggestion = f" Did you mean {{{indicator}}}/{close[0]}?" if close else ""
    return (
        f"The {what} {href} points to {expected}, which does not exist.",
        f"correct the file name, or remove the {what}.{suggestion}",
    )


# --- Series ----------------------------------------------------------------------


def check_series(articles: Iterable[Article]) -> None:
    """Report series names that differ from another only in case or spaces."""
    spellings: dict[str, dict[str, list[Article]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article in articles:
        name = article.metadata.get("series")
        if name:
            key = "".join(str(name).split()).casefold()
            spellings[key][str(name)].append(article)
    for names in spellings.values():
        if len(names) < 2:
            continue
        # The spelling most posts use is the series; a tie goes to the oldest post.
        canonical = min(
            names,
            key=lambda n: (-len(names[n]), min(_oldest_first(a) for a in names[n])),
        )
        count = len(names[canonical])
        for name, posts in names.items():
            if name == canonical:
                continue
            for post in posts:
                text = read_source(post.source_path)
                _build.add(
                    post.source_path,
                    field_line(header_fields(text), "series"),
                    ERROR,
                    f'The series "{name}" differs from the series "{canonical}" '
                    f"({count} post{'s' if count != 1 else ''}) only in capital "
                    "letters or spaces, so this post would start a series of its "
                    "own.",
                    f'write "{_field_example(text, "Series", canonical)}" exactly.',
                )


# --- The summary -------------------------------------------------------------------


def print_report(problems: list[Problem], posts: int, pages: int, fail: bool) -> None:
    errors = [p for p in problems if p.severity == ERROR]
    warnings = [p for p in problems if p.severity == WARNING]
    checked = f"{posts} post{'s' if posts != 1 else ''} and {pages} page" + (
        "s" if pages != 1 else ""
    )
    if not problems:
        console.print(f"Content checks passed: {checked}.", highlight=False)
        return
    counts = " and ".join(
        f"{len(found)} {name}{'s' if len(found) != 1 else ''}"
        for found, name in ((errors, "error"), (warnings, "warning"))
        if found
    )
    console.print(Text(f"\nContent checks found {counts} in {checked}:\n", "bold"))
    ordered = sorted(problems, key=lambda p: (p.path == "", p.path, p.line or 0))
    for problem in ordered:
        style = "bold red" if problem.severity == ERROR else "bold yellow"
        location = f"{problem.location()}: " if problem.path else ""
        console.print(
            Text.assemble(location, (problem.severity, style), f": {problem.message}"),
            soft_wrap=True,
        )
        if problem.fix:
            console.print(f"    Fix: {problem.fix}", soft_wrap=True, highlight=False)
    if errors:
        console.print(
            Text(f"\n{_closing_line(len(errors), fail)}", "bold"), soft_wrap=True
        )


def _closing_line(errors: int, fail: bool) -> str:
    count = f"{errors} error{'s' if errors != 1 else ''}"
    if fail:
        return (
            f"Build failed with {count}. Every other page was written; fix "
            f"{'it' if errors == 1 else 'them'} and build again."
        )
    return (
        f"{count}: make html, make check and make publish fail until "
        f"{'it is' if errors == 1 else 'they are'} fixed."
    )


def register() -> None:
    signals.initialized.connect(initialize)
    signals.article_generator_init.connect(start_run)
    signals.content_object_init.connect(normalize_metadata)
    signals.article_generator_pretaxonomy.connect(drop_duplicate_slugs)
    signals.article_generator_finalized.connect(remember_articles)
    signals.page_generator_finalized.connect(check_pages)
    signals.finalized.connect(report)
