"""Content checks: every mistake an author can make in a post, said once, clearly.

At the end of each build, one summary lists every problem in the content::

    content/posts/job-fair.md:2: error: The date "2026-13-45 09:00" is not a real
    date, or not written in a form Pelican can read, so this post was left out...
        Fix: write it as YYYY-MM-DD HH:MM (the time is optional), for example ...

naming the file, the line where there is one, what is wrong and how to fix it.
Errors would publish a wrong or broken page; warnings are advice. No traceback
is shown for a mistake in content. The problems come from Pelican's own messages
(``log_messages``), from the checks of every post and page once the site is
written (``checks``), and from other plugins that log a content problem with
``extra={"content_path": ..., "content_line": ..., "content_fix": ...}`` (or
``"content_field": "disclaimer"`` instead of a line: the line of that header field).

Settings (defaults set at ``initialized``):

- ``CONTENT_CHECKS_FAIL_BUILD`` (False): end the build with exit status 1 when
  there is an error, once every other page is written. The Makefile turns it on
  for ``make html``, ``make check`` and ``make publish``; ``make serve`` leaves it
  off so the preview keeps running, and so does Pelican used as a library.
- ``CONTENT_CHECKS_LONG_POST_WORDS`` (3000): a longer post needs headings.
- ``CONTENT_CHECKS_SUMMARY_MAX_CHARS`` (300): the longest summary without a
  warning.
"""

from __future__ import annotations

import atexit
import logging
from typing import Any

import blinker
from pelican import signals
from pelican.contents import Content, Static
from pelican.log import console
from pelican.plugins import granular_signals
from pelican.utils import get_date
from rich.text import Text

from . import log_messages
from .checks import check_content, check_series, drop_duplicates
from .control_characters import DropControlCharactersExtension, control_characters
from .findings import ERROR, WARNING, Problem, field_example, findings, read_source
from .markdown_scan import ScanRecorderExtension, take_recordings, whole_scans
from .source import OTHER_NAMES, field_line, header_fields

log = logging.getLogger(__name__)

DEFAULT_SETTINGS: dict[str, Any] = {
    "CONTENT_CHECKS_FAIL_BUILD": False,
    "CONTENT_CHECKS_LONG_POST_WORDS": 3000,
    "CONTENT_CHECKS_SUMMARY_MAX_CHARS": 300,
}
POSITIVE_WHOLE_NUMBERS = (
    "CONTENT_CHECKS_LONG_POST_WORDS",
    "CONTENT_CHECKS_SUMMARY_MAX_CHARS",
)


def initialize(pelican) -> None:
    settings = pelican.settings
    for name, value in DEFAULT_SETTINGS.items():
        settings.setdefault(name, value)
    findings.reset(settings)
    log_messages.install()
    # A Jekyll or Hugo summary is Markdown, like the Summary it stands for.
    settings["FORMATTED_FIELDS"] = list(
        dict.fromkeys([*settings["FORMATTED_FIELDS"], *OTHER_NAMES["summary"]])
    )
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(e, DropControlCharactersExtension) for e in extensions):
        extensions.append(DropControlCharactersExtension())
    if not any(isinstance(e, ScanRecorderExtension) for e in extensions):
        extensions.append(ScanRecorderExtension(settings["INTRASITE_LINK_REGEX"]))
    for name in POSITIVE_WHOLE_NUMBERS:
        value = settings[name]
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            log.error(
                "content_checks: %s must be a positive whole number, not %r; using %d",
                name,
                value,
                DEFAULT_SETTINGS[name],
            )
            settings[name] = DEFAULT_SETTINGS[name]


def start_build(generator) -> None:
    """Begin a build: ``make serve`` runs Pelican again on every save."""
    if findings.started:
        # The previous build stopped before its summary (an exception): print
        # what it found, then start afresh.
        print_unreported()
        findings.reset(generator.settings)
    findings.started = True


def read_other_names(_generator, metadata: dict[str, Any]) -> None:
    """Read Jekyll's and Hugo's names for a field where the site's name is absent.

    ``description`` or ``excerpt`` is the Summary; ``lastmod`` or
    ``last_modified_at`` the Modified date. A date Pelican cannot read ends the
    reading of the post with the same message as a bad ``Modified`` line.
    """
    for field, names in OTHER_NAMES.items():
        name = next((name for name in names if name in metadata), None)
        if field in metadata or name is None:
            continue
        value = metadata[name]
        metadata[field] = value if field == "summary" else get_date(str(value))


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
    if isinstance(content.status, str) and content.status != content.status.lower():
        content.status = metadata["status"] = content.status.lower()
    if metadata.get("draft") is True and "status" not in metadata:
        content.status = metadata["status"] = "draft"
    index = metadata.get("series_index")
    if index is not None and not str(index).strip().isdigit():
        text = read_source(content.source_path)
        findings.add(
            content.source_path,
            field_line(header_fields(text), "series_index"),
            ERROR,
            f'Series_index "{index}" is not a whole number, so this post\'s place '
            "in its series is unknown.",
            "write its place as a number, for example "
            f'"{field_example(text, "Series_index", "2")}", or delete the line to '
            "order the series by date.",
        )
        del metadata["series_index"]


def report_control_characters(content: Content) -> None:
    """Tell the author where the control characters Markdown left out were."""
    if isinstance(content, Static):
        return
    found = control_characters(read_source(content.source_path))
    if not found:
        return
    (line, char), *more = found
    lines = ", ".join(str(number) for number, _ in more)
    others = f" (also on line{'s' if len(more) > 1 else ''} {lines})" if more else ""
    findings.add(
        content.source_path,
        line,
        WARNING,
        f"This line holds an invisible control character, U+{ord(char):04X}"
        f"{others}, which no web page or feed can hold, so it was left out.",
        "delete it from the file; an editor may show it as a box, as ^ and a "
        "letter, or not at all.",
    )


def drop_duplicate_posts(generator) -> None:
    """Keep one post per address, before tags and categories are made."""
    for group in (generator.articles, generator.hidden_articles, generator.drafts):
        drop_duplicates(group)


def remember_posts(generator) -> None:
    findings.context = generator.context
    findings.articles = [
        *generator.articles,
        *generator.translations,
        *generator.drafts,
        *generator.drafts_translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]


def remember_pages(generator) -> None:
    """Keep one page per address; remember the pages for the final checks."""
    for group in (generator.pages, generator.hidden_pages, generator.draft_pages):
        drop_duplicates(group)
    findings.pages = [
        *generator.pages,
        *generator.translations,
        *generator.hidden_pages,
        *generator.hidden_translations,
        *generator.draft_pages,
        *generator.draft_translations,
    ]


def check_and_report(pelican) -> None:
    """Check every post and page of the written site; print the summary."""
    tags_in_use = sorted(
        {str(tag) for post in findings.articles for tag in getattr(post, "tags", [])},
        key=str.casefold,
    )
    for content in [*findings.articles, *findings.pages]:
        check_content(content, pelican.output_path, tags_in_use)
    whole_scans.build_ended()
    check_series(findings.articles)
    fail = findings.settings["CONTENT_CHECKS_FAIL_BUILD"]
    print_summary(fail)
    # `make serve` (plugins/live_preview) shows the same problems in the browser:
    # a named signal, so that neither plugin needs the other.
    blinker.signal("content_checks_reported").send(
        pelican, problems=tuple(findings.problems)
    )
    errors = len(findings.errors())
    findings.reset(findings.settings)
    if errors and fail:
        # Pelican has no exit status for a plugin to set, and an exception would
        # print a traceback. Every page is written by now, so stop here.
        raise SystemExit(1)


# --- The summary -------------------------------------------------------------------


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def print_summary(fail: bool) -> None:
    findings.reported = True
    problems = findings.problems
    checked = (
        f"{_plural(len(findings.articles), 'post')} and "
        f"{_plural(len(findings.pages), 'page')}"
    )
    if not problems:
        console.print(f"Content checks passed: {checked}.", highlight=False)
        return
    errors = findings.errors()
    counts = " and ".join(
        _plural(count, name)
        for count, name in (
            (len(errors), ERROR),
            (len(problems) - len(errors), WARNING),
        )
        if count
    )
    console.print(Text(f"\nContent checks found {counts} in {checked}:\n", "bold"))
    for problem in sorted(problems, key=_reading_order):
        _print_problem(problem)
    if errors:
        console.print(
            Text(f"\n{_closing_line(len(errors), fail)}", "bold"), soft_wrap=True
        )


def _reading_order(problem: Problem) -> tuple:
    # File by file, top to bottom; problems without a file last.
    return (problem.path == "", problem.path, problem.line or 0)


def _print_problem(problem: Problem) -> None:
    style = "bold red" if problem.severity == ERROR else "bold yellow"
    location = f"{problem.location()}: " if problem.path else ""
    # soft_wrap: one line per problem, so editors and terminals can link file:line.
    console.print(
        Text.assemble(location, (problem.severity, style), f": {problem.message}"),
        soft_wrap=True,
    )
    if problem.fix:
        # A Text, like the message: a fix may quote "[x]", which rich would
        # otherwise read as markup and drop.
        console.print(Text(f"    Fix: {problem.fix}"), soft_wrap=True)


def _closing_line(errors: int, fail: bool) -> str:
    if fail:
        return (
            f"Build failed with {_plural(errors, 'error')}. Every other page was "
            f"written; fix {'it' if errors == 1 else 'them'} and build again."
        )
    return (
        f"{_plural(errors, 'error')}: make html, make check and make publish fail "
        f"until {'it is' if errors == 1 else 'they are'} fixed."
    )


def print_unreported() -> None:
    """Print what a build found when it stopped before its own summary."""
    if findings.problems and not findings.reported:
        console.print(Text("\nThe build stopped before it finished.", "bold"))
        print_summary(fail=True)


def register() -> None:
    signals.initialized.connect(initialize)
    signals.article_generator_init.connect(start_build)
    signals.article_generator_context.connect(read_other_names)
    signals.page_generator_context.connect(read_other_names)
    signals.content_object_init.connect(normalize_metadata)
    signals.content_object_init.connect(report_control_characters)
    signals.content_object_init.connect(take_recordings)
    signals.article_generator_pretaxonomy.connect(drop_duplicate_posts)
    signals.article_generator_finalized.connect(remember_posts)
    signals.page_generator_finalized.connect(remember_pages)
    # Last of all (granular-signals' final step, after the sitemap, the search index
    # and compression), so that what those steps report is in the one summary.
    granular_signals.register()
    blinker.signal("deploy").connect(check_and_report)
    # A build that stops with an exception never reaches the summary: the problems
    # it found so far are printed when Pelican exits.
    atexit.unregister(print_unreported)
    atexit.register(print_unreported)
