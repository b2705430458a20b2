"""What one build found wrong in the content, and how each problem is told.

``findings`` is the one collection every part of the plugin adds to: the log
handler (Pelican's own messages), the checks of each post and page, and the
summary that prints them. It is emptied at the start of every build, since
``make serve`` runs Pelican again on every save.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from pelican.contents import Article, Content

from .source import is_yaml_front_matter

ERROR = "error"
WARNING = "warning"
EXAMPLE_TITLES = {"post": "Following up after a job fair", "page": "About this site"}
EXAMPLE_DATE = "2026-11-26 09:30"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the content, as the author is told about it."""

    path: str  # as shown: relative to the working folder where possible; "" if none
    line: int | None
    severity: str  # ERROR or WARNING
    message: str  # what is wrong, and what it does to the site
    fix: str  # how to put it right; "" when the message already says it

    def location(self) -> str:
        if not self.path:
            return ""
        return f"{self.path}:{self.line}" if self.line else self.path


class Findings:
    """The problems of one build, and what the checks need to know about it."""

    def __init__(self) -> None:
        self.reset({})

    def reset(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.problems: list[Problem] = []
        # Files already reported as unreadable: Pelican's follow-up message about
        # the same file ("no title") would only repeat the cause in other words.
        self.unreadable: set[str] = set()
        self.articles: list[Article] = []
        self.pages: list[Content] = []
        self.context: dict[str, Any] = {}
        # What the Markdown step recorded of each post and page, by its id
        # (markdown_scan.Recordings).
        self.recordings: dict[int, Any] = {}
        self.started = False  # a build is under way
        self.reported = False  # its summary has been printed

    def add(
        self, path: str, line: int | None, severity: str, message: str, fix: str
    ) -> None:
        shown = display_path(path) if path else ""
        self.problems.append(Problem(shown, line, severity, message, fix))

    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.severity == ERROR]


findings = Findings()


def display_path(path: str) -> str:
    """Return ``path`` relative to the working folder when it is inside it."""
    relative = os.path.relpath(os.path.abspath(path))
    return path if relative.startswith("..") else relative


def read_source(path: str) -> str:
    """Return a content file's text as the author sees it (undecodable bytes as �)."""
    with open(path, encoding="utf-8-sig", errors="replace") as source:
        return source.read()


def kind(content: Content) -> str:
    """Return what the author calls ``content``: a post or a page."""
    return "post" if isinstance(content, Article) else "page"


def kind_of_path(path: str) -> str:
    """Return "page" for a file in one of the settings' PAGE_PATHS, else "post"."""
    root = findings.settings["PATH"]
    for folder in findings.settings["PAGE_PATHS"]:
        pages = os.path.abspath(os.path.join(root, folder))
        if os.path.commonpath([pages, os.path.abspath(path)]) == pages:
            return "page"
    return "post"


def field_example(text: str, key: str, value: str) -> str:
    """Write a header field the way this file writes its header (YAML or not)."""
    if is_yaml_front_matter(text):
        return f"{key.lower()}: {value}"
    return f"{key}: {value}"
