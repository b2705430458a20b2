"""Read a content file's source text the way an author sees it, with line numbers.

A build knows a post as metadata and HTML; an author knows it as lines in a file.
These functions map one onto the other: the line of each header field, the line
where a link first appears, the place where a file stops being UTF-8. Nothing here
imports Pelican, so each function can be tested on a string alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Pelican's own header (`Key: value` lines up to the first blank line) is read by
# Python-Markdown's `meta` extension: the same patterns find the same fields.
from markdown.extensions.meta import BEGIN_RE, END_RE, META_MORE_RE, META_RE

# What every placeholder that `make newpost` writes starts with. A published post
# must not contain it: the content checks report each line that does.
PLACEHOLDER = "TODO:"
# The header field `make import` writes where it wrote something the old blog did
# not have (a summary from the first paragraph): the content checks list it as a
# warning until the author has read what was written and deleted the field.
REVIEW_FIELD = "Review"
# A YAML front matter field: a key at the start of a line. Indented lines and list
# items (`  - networking`) belong to the field above them.
YAML_KEY_RE = re.compile(r"^(?P<key>[A-Za-z0-9_-]+)\s*:\s*(?P<value>.*)")
YAML_DELIMITER = "---"
# The names Jekyll and Hugo front matter give fields this site knows by another
# name. A post brought over with them works unchanged (content_checks reads them
# as the site's field when that is absent), and a message about the field points
# to the line the author wrote.
OTHER_NAMES = {
    "summary": ("description", "excerpt"),
    "modified": ("lastmod", "last_modified_at"),
}


@dataclass(frozen=True)
class HeaderField:
    """One field of a content file's header, as the author wrote it."""

    key: str  # lower-cased, as Pelican stores metadata
    value: str  # the text after the colon, stripped
    line: int  # 1-based line number in the file


def is_yaml_front_matter(text: str) -> bool:
    """Return True when ``text`` starts with a `---` line (YAML front matter)."""
    first = text.lstrip("\ufeff").lstrip("\n").split("\n", 1)[0]
    return first.rstrip() == YAML_DELIMITER


def first_text_line(text: str) -> int:
    """Return the number of the first line that is not blank (1 for an empty text)."""
    lines = text.lstrip("\ufeff").split("\n")
    return next((n for n, line in enumerate(lines, start=1) if line.strip()), 1)


def header_fields(text: str) -> list[HeaderField]:
    """Return the fields of the header at the top of ``text``, in order.

    Both header forms are read: Pelican's `Key: value` lines (ending at the first
    blank line, as Python-Markdown's `meta` extension reads them) and YAML front
    matter between two `---` lines. A key written twice appears twice.
    """
    lines = text.lstrip("\ufeff").split("\n")
    if is_yaml_front_matter(text):
        return _yaml_fields(lines)
    return _pelican_fields(lines)


def _pelican_fields(lines: list[str]) -> list[HeaderField]:
    fields = []
    start = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    for index in range(start, len(lines)):
        line = lines[index]
        if not line.strip() or END_RE.match(line):
            break
        match = META_RE.match(line)
        if match:
            fields.append(
                HeaderField(match["key"].lower(), match["value"].strip(), index + 1)
            )
        elif not (fields and META_MORE_RE.match(line)):
            break
    return fields


def _yaml_fields(lines: list[str]) -> list[HeaderField]:
    fields = []
    opened = False
    for index, line in enumerate(lines):
        if not opened:
            opened = line.rstrip() == YAML_DELIMITER
            continue
        if line.rstrip() in (YAML_DELIMITER, "..."):
            break
        match = YAML_KEY_RE.match(line)
        if match:
            value = match["value"].strip().strip("'\"")
            fields.append(HeaderField(match["key"].lower(), value, index + 1))
    return fields


def field_line(fields: list[HeaderField], key: str) -> int | None:
    """Return the line of the first field named ``key`` (or its other name), or None."""
    for name in (key, *OTHER_NAMES.get(key, ())):
        line = next((field.line for field in fields if field.key == name), None)
        if line is not None:
            return line
    return None


def lines_containing(text: str, needle: str, start: int = 1) -> list[int]:
    """Return the numbers of the lines, from line ``start`` on, that hold ``needle``."""
    if not needle:
        return []
    return [
        number
        for number, line in enumerate(text.split("\n"), start=1)
        if number >= start and needle in line
    ]


@dataclass(frozen=True)
class EncodingError:
    """Where a file stops being UTF-8."""

    line: int
    column: int
    byte: int
    # The character the byte stands for in Windows-1252 (a superset of Latin-1),
    # the encoding a file that is not UTF-8 is most often saved in; "" if none.
    cp1252_guess: str


def utf8_error(data: bytes) -> EncodingError | None:
    """Return where ``data`` first fails to decode as UTF-8, or None if it decodes."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        start = error.start
        line_start = data.rfind(b"\n", 0, start) + 1
        try:
            guess = data[start : start + 1].decode("cp1252")
        except UnicodeDecodeError:
            guess = ""
        return EncodingError(
            line=data.count(b"\n", 0, start) + 1,
            column=start - line_start + 1,
            byte=data[start],
            cp1252_guess=guess,
        )
    return None
