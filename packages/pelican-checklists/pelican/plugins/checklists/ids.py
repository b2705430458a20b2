"""Ids made from text: a checklist's, an item's. A reader's ticks are kept by them."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Joins a sub-item's id to its parent's. Slugs never contain two hyphens in a row,
# so the parts can always be told apart.
ID_SEPARATOR = "--"
ASCII_WORD_RE = re.compile(r"[a-z0-9]+")


def slugify(text: str) -> str:
    """Return ``text`` as an id: lower case, letters, marks and digits of any script.

    Every other character (punctuation, symbols, emoji, spaces) separates words,
    which are joined by single hyphens: "Send a thank-you note!" ->
    "send-a-thank-you-note", "Написать письмо" -> "написать-письмо".
    """
    if text.isascii():
        # The same, faster: ASCII text is its own NFKC form, and its letters and
        # digits are a-z and 0-9 once lower case.
        return "-".join(ASCII_WORD_RE.findall(text.lower()))
    words = "".join(
        char if unicodedata.category(char)[0] in "LMN" else " "
        for char in unicodedata.normalize("NFKC", text).casefold()
    )
    return "-".join(words.split())


def text_id(text: str, fallback_prefix: str) -> str:
    """Return the slug of ``text``, or a stable id from its hash when it has none.

    Text of emoji or symbols alone has no slug; its hash still changes only when
    the text does, so a reader's tick stays on it when items move.
    """
    slug = slugify(text)
    if slug:
        return slug
    return f"{fallback_prefix}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"
