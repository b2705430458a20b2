"""The source reader alone: header fields and their lines, links' lines, UTF-8."""

from __future__ import annotations

from plugins.content_checks.source import (
    HeaderField,
    field_line,
    first_text_line,
    header_fields,
    lines_containing,
    utf8_error,
)

PELICAN_HEADER = """\
Title: Following up
Date: 2026-11-20 09:00
Tags: job fairs,
    networking
Summary: One line.

Body: not a header field, the header ended at the blank line.
"""

YAML_HEADER = """\
---
title: "Job fairs: a plan"
date: 2026-11-20
tags:
  - job fairs
  - networking
summary: One line.
---

Body.
"""


def test_pelican_header_fields_with_their_lines() -> None:
    assert header_fields(PELICAN_HEADER) == [
        HeaderField("title", "Following up", 1),
        HeaderField("date", "2026-11-20 09:00", 2),
        HeaderField("tags", "job fairs,", 3),
        HeaderField("summary", "One line.", 5),
    ]


def test_yaml_front_matter_fields_with_their_lines() -> None:
    fields = header_fields(YAML_HEADER)
    assert [(f.key, f.line) for f in fields] == [
        ("title", 2),
        ("date", 3),
        ("tags", 4),
        ("summary", 7),
    ]
    assert fields[0].value == "Job fairs: a plan"


def test_a_header_after_a_blank_first_line_is_no_header() -> None:
    # Python-Markdown's meta extension reads nothing either: the header is lost.
    assert header_fields("\nTitle: Late\n\nBody\n") == []
    assert first_text_line("\n\nTitle: Late\n") == 3


def test_a_key_written_twice_is_listed_twice() -> None:
    fields = header_fields("Title: One\nTitle: Two\n\nBody\n")
    assert [f.line for f in fields if f.key == "title"] == [1, 2]
    assert field_line(fields, "title") == 1
    assert field_line(fields, "summary") is None


def test_a_byte_order_mark_does_not_hide_the_header() -> None:
    assert field_line(header_fields("\ufeffTitle: With BOM\n\nBody"), "title") == 1


def test_lines_containing_finds_each_line_in_order() -> None:
    text = "Title: x\n\nSee [a](/a/).\nAnd [a](/a/) again.\n"
    assert lines_containing(text, "(/a/)") == [3, 4]
    assert lines_containing(text, "(/b/)") == []


def test_utf8_error_points_at_the_first_bad_byte() -> None:
    error = utf8_error("Title: ok\nCaf\u00e9 au lait\n".encode("cp1252"))
    assert error is not None
    assert (error.line, error.column, error.byte) == (2, 4, 0xE9)
    assert error.cp1252_guess == "\u00e9"
    assert utf8_error("Café".encode()) is None
