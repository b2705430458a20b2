"""Write ``sitemap.xml``: every page of the site, dated by its content.

Each HTML page Pelican writes is listed with its address and, where the content
gives one, ``<lastmod>``:

- a post or page: its ``Modified`` date, else its ``Date``; a page with neither
  (Terms, About) has no ``<lastmod>``, which the sitemap protocol allows, rather
  than a date that is not true;
- any other page (home, archives, a tag, category or series page, the search
  page): the newest date of the posts it was written from, so a tag page changes
  when a post with that tag does.

Dates come from the content only, so two builds of the same content write the
same file. This replaces pelican-sitemap, which stamps every undated page with
the time its module was imported: a build could never be reproduced, and the
plugin offers no setting for the date, only a module global to patch.
``<changefreq>`` and ``<priority>`` are left out: Google and Bing ignore both.

Drafts and hidden posts are not listed (``Status`` other than ``published``).
The file is written on pelican-granular-signals' ``sitemap`` signal, once every
page is written and before pelican-precompress compresses it.

Settings (default set at ``initialized``):

- ``SITEMAP_XML_EXCLUDE`` (``[]``): regular expressions; a page whose address,
  relative to the site (``404.html``, ``posts/x/``), matches one is not listed.
"""

from __future__ import annotations

import logging
import os
import re
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

import blinker
from pelican import signals
from pelican.plugins import granular_signals

log = logging.getLogger(__name__)

FILENAME = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def content_date(content) -> datetime | None:
    """Return when ``content`` (a post or page) last changed, if it says."""
    return getattr(content, "modified", None) or getattr(content, "date", None)


def newest_date(posts) -> datetime | None:
    """Return the newest date of ``posts``, or None if none has one."""
    dates = [date for post in posts if (date := content_date(post))]
    return max(dates, default=None)


def w3c_datetime(date: datetime) -> str:
    """Return ``date`` as the sitemap protocol writes it (W3C Datetime)."""
    if date.tzinfo is None:
        # A time needs its time zone; without one, the day alone is still true.
        return date.date().isoformat()
    return date.isoformat(timespec="seconds")


def sitemap_xml(pages: dict[str, datetime | None], siteurl: str) -> bytes:
    """Return the sitemap of ``pages`` ({address: last modified}), by address."""
    urlset = ET.Element("urlset", xmlns=NAMESPACE)
    for address, date in sorted(pages.items()):
        url = ET.SubElement(urlset, "url")
        ET.SubElement(url, "loc").text = f"{siteurl}/{quote(address)}"
        if date is not None:
            ET.SubElement(url, "lastmod").text = w3c_datetime(date)
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


class Sitemap:
    """The pages written by the current build, with their dates."""

    def __init__(self) -> None:
        self.output_path = Path()
        self.exclude: list[re.Pattern] = []
        self.pages: dict[str, datetime | None] = {}
        # {id(list): (list, its newest date)}: every page of a paginated list
        # (a tag, the home page) is written from the same list of posts, so
        # its newest date is found once, not once per page. The list is kept
        # so that its id cannot be reused by another while this build runs.
        self.newest: dict[int, tuple[list, datetime | None]] = {}

    def start(self) -> None:
        """Forget the pages of an earlier build."""
        self.pages = {}
        self.newest = {}

    def last_modified(self, context: dict) -> datetime | None:
        """Return the date of the page written from ``context``, or None."""
        content = context.get("article") or context.get("page")
        if content is not None:
            return content_date(content)
        posts = context.get("articles", ())
        known = self.newest.get(id(posts))
        if known is None:
            known = self.newest[id(posts)] = (posts, newest_date(posts))
        return known[1]

    def add(self, path: str, context: dict) -> None:
        """List the page Pelican wrote to ``path`` from ``context``."""
        if not path.endswith(".html"):
            return  # robots.txt and other files written from templates
        content = context.get("article") or context.get("page")
        if content is not None and content.status != "published":
            return
        address = Path(path).relative_to(self.output_path).as_posix()
        if address == "index.html" or address.endswith("/index.html"):
            address = address.removesuffix("index.html")
        if any(pattern.search(address) for pattern in self.exclude):
            return
        self.pages[address] = self.last_modified(context)


sitemap = Sitemap()


def set_defaults(pelican) -> None:
    # Absolute, as the paths of written pages are (pelican.utils.sanitised_join).
    sitemap.output_path = Path(os.path.abspath(pelican.output_path))
    settings = pelican.settings
    settings.setdefault("SITEMAP_XML_EXCLUDE", [])
    patterns = settings["SITEMAP_XML_EXCLUDE"]
    if not isinstance(patterns, list | tuple) or not all(
        isinstance(pattern, str) for pattern in patterns
    ):
        log.error(
            "sitemap_xml: SITEMAP_XML_EXCLUDE must be a list of regular "
            "expressions, not %r; no page is left out",
            patterns,
        )
        patterns = []
    sitemap.exclude = []
    for pattern in patterns:
        try:
            sitemap.exclude.append(re.compile(pattern))
        except re.error as error:
            log.error(
                "sitemap_xml: SITEMAP_XML_EXCLUDE: %r is not a regular expression "
                "(%s); it leaves out no page",
                pattern,
                error,
            )


def start_build(generators) -> None:
    # Every build starts afresh (`make serve` rebuilds in one process), so a page
    # that is gone, or a build that stopped half-way, leaves nothing behind.
    del generators
    sitemap.start()


def add_page(path: str, context: dict) -> None:
    sitemap.add(path, context)


def write_sitemap(pelican) -> None:
    target = Path(pelican.output_path) / FILENAME
    target.write_bytes(sitemap_xml(sitemap.pages, pelican.settings["SITEURL"]))
    log.info("sitemap_xml: listed %d pages in %s", len(sitemap.pages), target)
    sitemap.start()


def register() -> None:
    granular_signals.register()
    signals.initialized.connect(set_defaults)
    signals.all_generators_finalized.connect(start_build)
    signals.content_written.connect(add_page)
    blinker.signal("sitemap").connect(write_sitemap)
