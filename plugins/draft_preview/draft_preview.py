"""List drafts with the published posts while an author previews the site.

Pelican writes a draft (``Status: draft``) to its own address (``DRAFT_URL``) but
leaves it out of every list, feed and series: that is what ``make html`` and
``make publish`` build. ``make serve`` turns ``DRAFT_PREVIEW`` on, and then drafts
are listed like published posts (home page, archives, tag and category pages,
feeds), still at their draft address and still marked "Draft" by the theme
(``article.status == "draft"``), so an author sees a new post where readers will
find it before publishing it.

Settings (defaults set at ``initialized``):

- ``DRAFT_PREVIEW`` (False): list drafts with the published posts.
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.utils import order_content

log = logging.getLogger(__name__)


def set_defaults(pelican) -> None:
    pelican.settings.setdefault("DRAFT_PREVIEW", False)
    if not isinstance(pelican.settings["DRAFT_PREVIEW"], bool):
        log.error(
            "draft_preview: DRAFT_PREVIEW must be true or false, not %r; drafts "
            "are not listed",
            pelican.settings["DRAFT_PREVIEW"],
        )
        pelican.settings["DRAFT_PREVIEW"] = False


def list_drafts(generator) -> None:
    """Move the drafts into the list of posts, before tags and categories are made."""
    if not generator.settings["DRAFT_PREVIEW"]:
        return
    generator.articles = order_content(
        generator.articles + generator.drafts, generator.settings["ARTICLE_ORDER_BY"]
    )
    generator.translations += generator.drafts_translations
    # Each draft is now written once, as a post at its draft address.
    generator.drafts = []
    generator.drafts_translations = []


def register() -> None:
    signals.initialized.connect(set_defaults)
    signals.article_generator_pretaxonomy.connect(list_drafts)
