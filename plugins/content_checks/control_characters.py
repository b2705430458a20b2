"""Control characters in a post: left out of the site, and reported with their line.

An invisible control character (NUL, ESC, form feed, DEL...) pasted into a post
cannot be in a web page, and the feed writer stops the whole build with a
traceback on one ("Control characters are not supported in XML 1.0"). The
Markdown step leaves them out, header and body alike (a summary is Markdown
too), and the checks tell the author each line that held one.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

# Any C0 control character but tab, line feed and carriage return; and DEL.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class DropControlCharactersPreprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [CONTROL_RE.sub("", line) for line in lines]


class DropControlCharactersExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        # 32: after `checklists_source` (35), which keeps each line as written to
        # find it in the file; before `normalize_whitespace` (30) and `meta` (27),
        # which reads the header.
        md.preprocessors.register(
            DropControlCharactersPreprocessor(md), "drop_control_characters", 32
        )


def control_characters(text: str) -> list[tuple[int, str]]:
    """Return each line of ``text`` that holds control characters, and the first."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = CONTROL_RE.search(line)
        if match:
            found.append((number, match[0]))
    return found
