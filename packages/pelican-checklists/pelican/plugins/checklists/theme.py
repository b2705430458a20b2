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

from jinja2 import (
    ChoiceLoader,
    FileSystemLoader,
    PrefixLoader,
    Template,
    pass_context,
)
from jinja2.runtime import Context
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
    generator.env.globals["checklists_assets_included"] = HEAD_ASSETS.included


def static_url(settings: dict, path: str) -> str:
    """Return the address of ``path`` in the theme's static files, as copied."""
    return f"{settings['SITEURL']}/{settings['THEME_STATIC_DIR']}/{path}"


class HeadAssets:
    """Put ``checklists/assets.html`` in the ``<head>`` of each page that needs it.

    A theme's templates know nothing of the plugin, so once a page is written,
    the plugin adds what a checklist loads (its styles and its script) at the
    end of its ``<head>`` if the page shows a checklist (a post, a page, a list
    of summaries) and does not load them yet. A theme that wants them elsewhere
    includes ``checklists/assets.html`` itself; one that loads its own overrides
    that template with an empty file. The plugin's own pages include it in the
    theme's ``head`` block (Pelican's name for what is in ``<head>``).

    A page whose template included it is not read back: ``assets.html`` says so
    as it renders (``included``), and only a page written without it is read.
    """

    def __init__(self) -> None:
        self.template: Template | None = None
        # The page (its ``output_file``) being written with the assets in it.
        self.included_in: str | None = None

    @pass_context
    def included(self, context: Context) -> str:
        """Note that the page being written includes the assets; return nothing."""
        self.included_in = context.get("output_file")
        return ""

    def add(self, path: str, context: dict) -> None:
        included_in, self.included_in = self.included_in, None
        if (
            self.template is None
            or not path.endswith(".html")
            or (included_in is not None and included_in == context.get("output_file"))
        ):
            return
        page = Path(path)
        html = page.read_text(encoding="utf-8")
        if MODULE_ATTRIBUTE not in html:
            return
        assets = self.template.render(context).strip()
        self.included_in = None  # rendered here, not by the page's template
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
