"""How the plugin fits any theme: its templates, asset addresses and <head>.

- The plugin's templates are found after the theme's own (``fit_theme``).
- ``asset_url``: a fingerprinting plugin's, or the theme's static folder.
- Each page that shows a checklist loads its styles and script (``HeadAssets``).
"""

from __future__ import annotations

import logging
import re
from functools import partial
from pathlib import Path

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, Template
from pelican.generators import Generator

log = logging.getLogger(__name__)

PLUGIN_DIR = Path(__file__).resolve().parent
# What a page that shows a checklist loads, added to its <head> (HeadAssets).
ASSETS_TEMPLATE = "checklists/assets"
HEAD_END_RE = re.compile(r"</head\s*>", re.IGNORECASE)
# What a finished checklist (the component template's root element) carries.
MODULE_ATTRIBUTE = 'data-module="checklist"'


def fit_theme(generator: Generator) -> None:
    """Give every generator's templates the plugin's, after the theme's own.

    A theme overrides one of them with a file of the same name in its
    ``templates/checklists/`` folder, and can start from the original with
    ``{% extends "!checklists/checklists/component.html" %}``. A theme with no
    ``asset_url`` (a fingerprinting plugin's) gets one that gives the address of
    a file in its static folder as Pelican copies it.
    """
    own = FileSystemLoader(str(PLUGIN_DIR / "templates"))
    generator.env.loader = ChoiceLoader(
        [generator.env.loader, own, PrefixLoader({"!checklists": own})]
    )
    generator.env.globals.setdefault(
        "asset_url", partial(static_url, generator.settings)
    )


def static_url(settings: dict, path: str) -> str:
    """Return the address of ``path`` in the theme's static files, as copied."""
    return f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{path}"


class HeadAssets:
    """Put ``checklists/assets.html`` in the ``<head>`` of each page that needs it.

    A theme's templates know nothing of the plugin, so once a page is written,
    the plugin adds what a checklist loads (its styles and its script) at the
    end of its ``<head>`` if the page shows a checklist (a post, a page, its
    printable page, a list of summaries) and does not load them yet. A theme
    that wants them elsewhere includes ``checklists/assets.html`` itself; one
    that loads its own overrides that template with an empty file.
    """

    def __init__(self) -> None:
        self.template: Template | None = None

    def add(self, path: str, context: dict) -> None:
        if self.template is None or not path.endswith(".html"):
            return
        page = Path(path)
        html = page.read_text(encoding="utf-8")
        if MODULE_ATTRIBUTE not in html:
            return
        assets = self.template.render(context).strip()
        if not assets or assets in html:
            return
        end = HEAD_END_RE.search(html)
        if end is None:
            log.warning(
                "checklists: %s has no </head>, so its checklists are not styled "
                "or scripted; include checklists/assets.html in the theme's <head>",
                path,
            )
            return
        page.write_text(
            f"{html[: end.start()]}{assets}\n{html[end.start() :]}", encoding="utf-8"
        )


HEAD_ASSETS = HeadAssets()
