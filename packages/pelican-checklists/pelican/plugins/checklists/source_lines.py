"""The Markdown text's lines as written, and each task item's among them.

A problem note quotes its task item's line, so that the host can find the line
number in the file the text came from.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.preprocessors import Preprocessor


class SourceLinesPreprocessor(Preprocessor):
    """Keep the lines of the Markdown text as written, to quote them in problems."""

    # A line of Markdown that starts a task item, also inside a block quote.
    TASK_LINE_RE = re.compile(
        r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\](?:[ \t]|$)"
    )
    FENCE_RE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.lines: list[str] = []

    def run(self, lines: list[str]) -> list[str]:
        # Split where Markdown will: `normalize_whitespace` reads a Windows line end
        # ("\r\n") or an old Mac one ("\r") as a line feed. Else an empty item's
        # line ("- [ ]\r") would go unrecognised, and the problems of the items
        # from there on would quote the wrong lines.
        text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")
        self.lines = text.split("\n")
        return lines

    def task_lines(self) -> list[tuple[str, int]]:
        """Return each task item's Markdown line, in order, with its occurrence.

        The occurrence counts the identical lines up to this one (1 for the
        first), so that a line written twice can still be found in a file.
        """
        found: list[tuple[str, int]] = []
        seen: dict[str, int] = {}
        fence = None
        for line in self.lines:
            marker = self.FENCE_RE.match(line)
            if marker and (fence is None or marker[1].startswith(fence)):
                fence = None if fence else marker[1][0] * 3
                continue
            if fence is None and self.TASK_LINE_RE.match(line):
                text = line.rstrip()
                seen[text] = seen.get(text, 0) + 1
                found.append((text, seen[text]))
        return found
