"""What a reader sees of an item's or a title's text, as the Markdown step holds it."""

from __future__ import annotations

import html
import re

from markdown import Markdown
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE

# Markdown keeps a backslash escape (`\*`) as STX + code point + ETX until its
# last tree processor, which runs after the checklists' one.
ESCAPED_RE = re.compile("\x02([0-9]+)\x03")
TAG_RE = re.compile(r"<[^>]*>")


def plain_text(md: Markdown, text: str) -> str:
    """Return what a reader sees of ``text``: no markup, entities decoded."""

    def stashed(match: re.Match) -> str:
        raw = md.htmlStash.rawHtmlBlocks[int(match[1])]
        return TAG_RE.sub("", raw) if isinstance(raw, str) else ""

    text = HTML_PLACEHOLDER_RE.sub(stashed, text).replace(AMP_SUBSTITUTE, "&")
    text = ESCAPED_RE.sub(lambda match: chr(int(match[1])), text)
    return " ".join(html.unescape(text).split())
