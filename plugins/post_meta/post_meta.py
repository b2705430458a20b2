"""Give every article a reading time and the text of its disclaimer.

The theme shows ``article.reading_time`` (whole minutes, at least 1) and
``article.disclaimer_text`` (the note that ends the post, or ``None`` when the
post turns it off). The disclaimer is the ``SITE_DISCLAIMER`` setting, unless the
post's ``Disclaimer:`` metadata replaces it; ``Disclaimer: none`` removes it.

Settings (defaults set at ``initialized``):

- ``POST_META_WORDS_PER_MINUTE`` (220): reading speed for the reading time.
- ``SITE_DISCLAIMER`` (required): the site-wide disclaimer text.
"""

from __future__ import annotations

import logging
import math
import re

from pelican import signals
from pelican.contents import Article

log = logging.getLogger(__name__)

DEFAULT_WORDS_PER_MINUTE = 220
# What an author writes to leave the disclaimer out of one post.
DISCLAIMER_OFF = "none"
# A tag between two words separates them ("<li>one</li><li>two</li>"), so tags
# become spaces; entities are left as they are, as they do not change the count.
TAG_RE = re.compile(r"<[^>]*>")


def set_defaults(pelican) -> None:
    settings = pelican.settings
    settings.setdefault("POST_META_WORDS_PER_MINUTE", DEFAULT_WORDS_PER_MINUTE)
    speed = settings["POST_META_WORDS_PER_MINUTE"]
    if not isinstance(speed, int) or isinstance(speed, bool) or speed <= 0:
        log.error(
            "post_meta: POST_META_WORDS_PER_MINUTE must be a positive whole number, "
            "not %r; using %d",
            speed,
            DEFAULT_WORDS_PER_MINUTE,
        )
        settings["POST_META_WORDS_PER_MINUTE"] = DEFAULT_WORDS_PER_MINUTE
    disclaimer = settings.get("SITE_DISCLAIMER")
    if not isinstance(disclaimer, str) or not disclaimer.strip():
        log.error(
            "post_meta: SITE_DISCLAIMER must be the text of the site's disclaimer "
            "(set it in pelican.conf.py); got %r",
            disclaimer,
        )


def reading_time(html: str, words_per_minute: int) -> int:
    """Return whole minutes to read ``html``, rounded up, at least 1."""
    words = len(TAG_RE.sub(" ", html).split())
    return max(1, math.ceil(words / words_per_minute))


def disclaimer_text(article: Article) -> str | None:
    """Return the disclaimer that ends ``article``, or None when it has none."""
    value = article.metadata.get("disclaimer")
    if value is None:
        return article.settings.get("SITE_DISCLAIMER") or None
    # A value written over several lines arrives as a list of lines.
    text = " ".join(value) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    if not text:
        # Reported by the content checks (plugins/content_checks), which find the
        # line of the field.
        log.warning(
            "The Disclaimer line is empty, so this post ends with the site's "
            "disclaimer.",
            extra={
                "content_path": article.source_path,
                "content_field": "disclaimer",
                "content_fix": "write this post's own disclaimer after the colon, "
                f'or "Disclaimer: {DISCLAIMER_OFF}" to leave it out of this post.',
            },
        )
        return article.settings.get("SITE_DISCLAIMER") or None
    if text.lower() == DISCLAIMER_OFF:
        return None
    return text


def add_post_meta(content) -> None:
    if not isinstance(content, Article):
        return
    speed = content.settings.get("POST_META_WORDS_PER_MINUTE", DEFAULT_WORDS_PER_MINUTE)
    # `_content` is the rendered body before Pelican rewrites internal links;
    # the words are the same, and it is available this early.
    content.reading_time = reading_time(content._content or "", speed)
    content.disclaimer_text = disclaimer_text(content)


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.content_object_init.connect(add_post_meta)
