"""What the Markdown step records for the Pelican part: the contract between them.

With ``ChecklistsExtension(records=True)``, the Markdown step leaves in the HTML
it writes what a host that finishes the checklists (the Pelican part) would
otherwise have to parse the HTML again to learn: a ``ChecklistRecord`` right
before each checklist's ``<fieldset>``, and a ``ProblemRecord`` as the first
thing inside each problem note. The host reads them with ``next_record`` and
removes them; ``without_records`` gives the HTML the extension writes without
records. Nothing here imports Pelican.

A record is a comment: ``<!--``, STX, ``checklist:``, JSON, ETX, ``-->``.
Markdown removes STX and ETX from its input, so no author's text can be one; the
JSON's ``&``, ``<`` and ``>`` are escaped, so Markdown's serializer leaves it as
it is, and it holds nothing that looks like a tag (to the regular expressions
that count a post's words or find its links, the whole comment is one tag).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

TEXT_START = "\x02checklist:"
TEXT_END = "\x03"
# What starts and ends a record in the finished HTML.
RECORD_START = f"<!--{TEXT_START}"
RECORD_END = f"{TEXT_END}-->"


@dataclass(frozen=True)
class ChecklistRecord:
    """A checklist, as the Markdown step made it."""

    id: str  # inside its document: the pinned id, or the title as a slug
    pin: str | None  # the id the author pinned on the title, if any
    title: str
    # Each item's id (sub-items' too, in order) and whether it is ticked for a
    # reader who has not touched the list (`- [x]`).
    items: tuple[tuple[str, bool], ...]
    timed: int  # how many items have a time limit
    start: str | None  # the question that asks when the time limits start
    # The length of the checklist's markup (its <fieldset>, right after the
    # record): records of checklists inside it included.
    length: int
    # The checklist as a plain list, each item marked ☐ (to do) or ☑ (ticked
    # from the start), for feed readers, which drop form controls.
    plain: str


@dataclass(frozen=True)
class ProblemRecord:
    """A task list that could not be a checklist, and why."""

    problem: str  # what is wrong
    fix: str  # how to put it right
    line: str | None  # the Markdown line it is about, as written
    occurrence: int | None  # which of several identical lines (1 for the first)


Record = ChecklistRecord | ProblemRecord


def record_text(record: Record) -> str:
    """Return the text of the comment that holds ``record``."""
    encoded = json.dumps(asdict(record), ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        encoded = encoded.replace(char, escaped)
    return f"{TEXT_START}{encoded}{TEXT_END}"


def next_record(html: str, start: int = 0) -> tuple[int, int, Record] | None:
    """Return the first record in ``html`` from ``start``: where it starts and ends.

    A checklist's markup is ``html[end : end + record.length]``.
    """
    begin = html.find(RECORD_START, start)
    if begin == -1:
        return None
    end = html.index(RECORD_END, begin) + len(RECORD_END)
    data = json.loads(html[begin + len(RECORD_START) : end - len(RECORD_END)])
    if "problem" in data:
        return begin, end, ProblemRecord(**data)
    items = tuple((item, ticked) for item, ticked in data.pop("items"))
    return begin, end, ChecklistRecord(items=items, **data)


def without_records(html: str) -> str:
    """Return ``html`` without its records: the HTML of ``records=False``."""
    parts, at = [], 0
    while (found := next_record(html, at)) is not None:
        parts.append(html[at : found[0]])
        at = found[1]
    parts.append(html[at:])
    return "".join(parts)
