"""Warnings and errors logged during a build, turned into problems for the summary.

Pelican reports some content mistakes itself, in words meant for its developers:
"Skipping /abs/path.md: could not find information about 'title'", "Could not
process posts/x.md" (nothing about why), "Unable to find '...'" (nothing about
where). A handler on the root logger catches every warning and error:

- a message of Pelican's about content is replaced by one that names the file
  and line and says how to fix it (the translators below), or dropped when a
  check of this plugin reports the same mistake better;
- a record that carries ``content_path`` (and optionally ``content_line``, or
  ``content_field``: a header field whose line this plugin finds, and
  ``content_fix``) in its ``extra`` becomes a problem of that file: this is how
  another plugin reports a content mistake through the same summary;
- any other warning or error counts as an error, with its own words.

On Pelican's console, every record the summary shows is held back, so the author
reads each problem once, at the end; a record that carries a traceback (a bug in
code, not in content) is still shown as it happens. Other handlers (log files,
pytest's caplog) receive every record unchanged.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable

from pelican.log import DEFAULT_LOG_HANDLER
from pelican.utils import get_date

from .findings import (
    ERROR,
    EXAMPLE_DATE,
    EXAMPLE_TITLES,
    WARNING,
    field_example,
    findings,
    kind,
    kind_of_path,
    read_source,
)
from .source import (
    OTHER_NAMES,
    field_line,
    first_text_line,
    header_fields,
    utf8_error,
)

# Pelican's message templates (``record.msg``), matched exactly.
MISSING_PROPERTY = "Skipping %s: could not find information about '%s'"
UNREADABLE = "Could not process %s"
UNKNOWN_STATUS = "Unknown status '%s' for file %s, skipping it. (Not in %s)"
YAML_UNPARSABLE = "Error parsing YAML for file '%s"
YAML_NOT_MAPPING = "YAML header didn't parse as a dict for file '%s'"
# Messages that a check of this plugin reports better, with the file and line.
REPORTED_BY_CHECKS = {
    "Unable to find '%s', skipping url replacement.",
    "Other resources were not found and their urls not replaced",
    "Replacement Indicator %r not recognized in %r, skipping replacement",
    "Empty alt attribute for image %s in %s",
    "Other images have empty alt attributes",
    "Duplicate definition of `%s` for %s. Using first one.",
}
# A {static} link to a file that does not exist: Pelican cannot date the file.
MISSING_STATIC_FILE = "Cannot get modification stamp for %s\n\t%s"
# Two items with one slug: the message grows with the number of files.
SAME_SLUG_PREFIXES = (
    'There are %s items "%s" with lang %s',
    "There are %s original (not translated) items %s",
)

Translator = Callable[[logging.LogRecord, BaseException | None], None]


def _missing_property(record: logging.LogRecord, _exc: BaseException | None) -> None:
    content, prop = record.args
    path = content.source_path
    if path in findings.unreadable:
        return
    text = read_source(path)
    fields = header_fields(text)
    what = kind(content)
    name = prop.capitalize()
    example = {"title": EXAMPLE_TITLES[what], "date": EXAMPLE_DATE}.get(prop, "...")
    line = field_line(fields, prop)
    if line is not None:
        findings.add(
            path,
            line,
            ERROR,
            f"The {name} line is empty, so this {what} was left out of the site.",
            "write the "
            + prop
            + f' after the colon: "{field_example(text, name, example)}".',
        )
    elif not fields and first_text_line(text) > 1:
        findings.add(
            path,
            1,
            ERROR,
            "The file starts with a blank line, so Pelican read no header at all "
            f"(no title, no date) and left this {what} out of the site.",
            "delete the blank lines above the header: its first field must be on "
            "line 1.",
        )
    else:
        findings.add(
            path,
            1,
            ERROR,
            f"This {what} has no {name} line, so it was left out of the site.",
            "add a line to the header at the top of the file: "
            f'"{field_example(text, name, example)}".',
        )


def _date_problem(path: str, text: str) -> bool:
    """Report the first Date or Modified field Pelican cannot read; False if none."""
    for header in header_fields(text):
        if header.key not in ("date", "modified", *OTHER_NAMES["modified"]):
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
            findings.add(
                path,
                header.line,
                ERROR,
                f"{wrong}, so this {kind_of_path(path)} was left out of the site.",
                "write it as YYYY-MM-DD HH:MM (the time is optional), for example "
                f'"{field_example(text, name, EXAMPLE_DATE)}".',
            )
            return True
    return False


def _unreadable(record: logging.LogRecord, exc: BaseException | None) -> None:
    path = os.path.abspath(os.path.join(findings.settings["PATH"], record.args[0]))
    findings.unreadable.add(path)
    what = kind_of_path(path)
    with open(path, "rb") as source:
        data = source.read()
    encoding = utf8_error(data)
    if encoding is not None:
        guess = encoding.cp1252_guess
        meaning = (
            f' ("{guess}" in the Windows-1252 encoding)'
            if guess and guess.isprintable()
            else ""
        )
        findings.add(
            path,
            encoding.line,
            ERROR,
            f"The file is not saved as UTF-8: column {encoding.column} has the byte "
            f"0x{encoding.byte:02X}{meaning}, so this {what} was left out of the site.",
            "save the file as UTF-8 in your editor (usually File > Save As > "
            "Encoding: UTF-8), then check the characters on that line.",
        )
        return
    if _date_problem(path, data.decode("utf-8-sig")):
        return
    findings.add(
        path,
        None,
        ERROR,
        f"Pelican could not read this file ({type(exc).__name__}: {exc}), so this "
        f"{what} was left out of the site.",
        "check the header at the top of the file, and the Markdown the message "
        "points to.",
    )


def _unknown_status(record: logging.LogRecord, _exc: BaseException | None) -> None:
    status, content, _allowed = record.args
    text = read_source(content.source_path)
    what = kind(content)
    findings.add(
        content.source_path,
        field_line(header_fields(text), "status"),
        ERROR,
        f'The status "{status}" is not one Pelican knows, so this {what} was left '
        "out of the site.",
        f'write "{field_example(text, "Status", "draft")}" to preview it with make '
        f'serve, or "{field_example(text, "Status", "published")}" (or no Status '
        "line) to publish it.",
    )


def _yaml_unparsable(record: logging.LogRecord, exc: BaseException | None) -> None:
    path = record.args[0]
    findings.unreadable.add(path)
    text = read_source(path)
    if _date_problem(path, text):
        return
    mark = getattr(exc, "problem_mark", None)
    # The YAML text starts at the end of the opening `---` line: its line 0.
    line = first_text_line(text) + mark.line if mark is not None else None
    problem = getattr(exc, "problem", None) or str(exc)
    findings.add(
        path,
        line,
        ERROR,
        f"The YAML front matter cannot be read ({problem}), so this "
        f"{kind_of_path(path)} was left out of the site.",
        'correct that line. A value that contains ": " or starts with one of '
        "[ { * & ! | > ' \" % @ ` needs quotes around it, for example "
        'title: "Interviews: what to ask".',
    )


def _yaml_not_mapping(record: logging.LogRecord, _exc: BaseException | None) -> None:
    path = record.args[0]
    findings.unreadable.add(path)
    findings.add(
        path,
        first_text_line(read_source(path)),
        ERROR,
        'The YAML front matter between the "---" lines is not a list of '
        f'"key: value" fields, so this {kind_of_path(path)} was left out of the site.',
        f'write one field per line, such as "title: {EXAMPLE_TITLES["post"]}".',
    )


TRANSLATORS: dict[str, Translator] = {
    MISSING_PROPERTY: _missing_property,
    UNREADABLE: _unreadable,
    UNKNOWN_STATUS: _unknown_status,
    YAML_UNPARSABLE: _yaml_unparsable,
    YAML_NOT_MAPPING: _yaml_not_mapping,
}


def _template(record: logging.LogRecord) -> str:
    return record.msg if isinstance(record.msg, str) else ""


def is_reported_by_checks(record: logging.LogRecord) -> bool:
    """Return True for a Pelican message that a check reports better."""
    template = _template(record)
    return (
        template in REPORTED_BY_CHECKS
        or template.startswith(SAME_SLUG_PREFIXES)
        or (template == MISSING_STATIC_FILE and not os.path.exists(record.args[0]))
    )


def collect(record: logging.LogRecord, exc: BaseException | None) -> None:
    """Add the problem that ``record`` stands for, if any, to the findings."""
    if hasattr(record, "content_path"):
        line = getattr(record, "content_line", None)
        field = getattr(record, "content_field", None)
        if line is None and field:
            line = field_line(header_fields(read_source(record.content_path)), field)
        findings.add(
            record.content_path,
            line,
            ERROR if record.levelno >= logging.ERROR else WARNING,
            record.getMessage(),
            getattr(record, "content_fix", ""),
        )
        return
    translate = TRANSLATORS.get(_template(record))
    if translate is not None:
        translate(record, exc)
    elif not is_reported_by_checks(record):
        # A warning is counted as an error: it means the site may not be what the
        # author expects. Its level stays in the text, as the log would show it.
        findings.add(
            "",
            None,
            ERROR,
            f"{record.getMessage()} ({record.levelname} from {record.name})",
            "",
        )


class ProblemCollector(logging.Handler):
    """Collect each warning or error logged during a build."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        # Handlers run inside the `except` block that logged the record, so the
        # exception is at hand even when the record does not carry it.
        exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
        try:
            collect(record, exc)
        except Exception:  # a report about a problem must never crash the build
            findings.add("", None, ERROR, record.getMessage(), "")


class ShownInSummary(logging.Filter):
    """Hold back on the console what the summary shows, except tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        translated = _template(record) in TRANSLATORS or is_reported_by_checks(record)
        return not (
            translated or hasattr(record, "content_path") or not record.exc_info
        )


_collector = ProblemCollector()
_shown_in_summary = ShownInSummary()


def install() -> None:
    """Collect from the root logger; hold back from Pelican's console handler."""
    root = logging.getLogger()
    if _collector not in root.handlers:
        root.addHandler(_collector)
    if _shown_in_summary not in DEFAULT_LOG_HANDLER.filters:
        DEFAULT_LOG_HANDLER.addFilter(_shown_in_summary)
