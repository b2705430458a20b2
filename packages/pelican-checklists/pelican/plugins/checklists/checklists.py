"""Checklists: a task list in a post becomes an interactive, printable checklist.

The Markdown step (``markdown_extension.py``) turns each task list into a
``<fieldset>`` of checkboxes. This module wires that step into Pelican and does
what needs the whole site:

- ``initialized``: the ``CHECKLISTS_*`` defaults; the Markdown extension; the
  plugin's templates (``templates/checklists/``) and static files
  (``static/checklists/``, served like the theme's own).
- ``article_generator_finalized`` and ``page_generator_finalized``: each checklist
  of every post and page (drafts, hidden ones and translations too) gets its
  site-wide id, ``<post slug>--<title slug>`` unless the author pinned one, and
  is wrapped in ``checklists/component.html``: progress, Reset, Print, a link to
  its printable page, and what a printed sheet adds (title, source, date,
  disclaimer). The problems the Markdown step found are reported here.
- ``get_generators``: ``ChecklistPagesGenerator`` reports ids used twice on the
  site, and writes a printable page per checklist of each listed post or page
  (``CHECKLISTS_SAVE_AS``), beside it a QR code of that page's absolute address
  (``CHECKLISTS_QR_SAVE_AS``, an SVG that every printed sheet carries, so that
  paper leads back to the page), the page that lists them all
  (``CHECKLISTS_INDEX_SAVE_AS``) and, for each series (pelican-series'
  ``Series:``), a page of every checklist of its parts in order, each printed on
  a sheet of its own (``CHECKLISTS_SERIES_SAVE_AS``); templates find its address
  in ``checklist_series_urls[series name]``. ``CHECKLISTS_JSON_SAVE_AS`` lists
  every printable checklist's items, and the checklists of each post and series,
  from which static/checklists/progress.js shows a reader's progress.
- ``feed_generated``: in feeds, a checklist is a plain list marked ☐ and ☑.

The Markdown step records each checklist and problem in the HTML it writes
(``records=True``): the checklist's id, title, number of items, the length of its
markup and its plain list for feeds. This module reads the records and removes
them, so it finishes a post, a printable page and a feed by slicing, joining and
replacing strings, without parsing the HTML again.

A mistake in a checklist is logged as an error with the file, line and fix in
``extra`` (``content_path``, ``content_line``, ``content_fix``), which the
content checks plugin prints in its summary and counts, so that ``make html``
fails; the page itself shows the problem where the checklist would be.

Settings (defaults set at ``initialized``; an empty ``*_SAVE_AS`` writes nothing):

- ``CHECKLISTS_URL`` (``"checklists/{id}/"``) and ``CHECKLISTS_SAVE_AS``
  (``"checklists/{id}/index.html"``): a checklist's printable page.
- ``CHECKLISTS_INDEX_URL`` (``"checklists/"``) and ``CHECKLISTS_INDEX_SAVE_AS``
  (``"checklists/index.html"``): the page that lists every checklist.
- ``CHECKLISTS_SERIES_URL`` (``"checklists/series/{slug}/"``) and
  ``CHECKLISTS_SERIES_SAVE_AS`` (``"checklists/series/{slug}/index.html"``): a
  series' checklists, to print together.
- ``CHECKLISTS_JSON_URL`` and ``CHECKLISTS_JSON_SAVE_AS``
  (``"checklists/index.json"``): the items of every checklist, for progress.js.
- ``CHECKLISTS_QR_URL`` and ``CHECKLISTS_QR_SAVE_AS`` (``"checklists/{id}/qr.svg"``):
  the QR code of a checklist's printable page.
- ``CHECKLISTS_QR_SITEURL`` (``""``: ``SITEURL``): the site's absolute address,
  which a QR code needs; with neither absolute, no QR code is made.
- ``CHECKLISTS_THEME_DEFAULTS`` (``True``): load
  ``static/checklists/theme-defaults.css``, what the checklist's styles expect of
  a theme (the colours and spacing they read, border-box sizing); ``False`` for
  a theme that has them.
- ``SITE_DISCLAIMER``: printed at the foot of a checklist, unless the post
  replaces or turns off its disclaimer (the ``post_meta`` plugin's
  ``disclaimer_text``).
"""

from __future__ import annotations

import io
import json
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import segno
from bs4 import BeautifulSoup, Tag
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, Template
from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator
from pelican.urlwrappers import URLWrapper

from .markdown_extension import (
    ID_SEPARATOR,
    MARKS,
    RECORD_START,
    ChecklistsExtension,
    next_record,
    without_records,
)

log = logging.getLogger(__name__)

PLUGIN_DIR = Path(__file__).resolve().parent
DEFAULT_SETTINGS = {
    "CHECKLISTS_URL": "checklists/{id}/",
    "CHECKLISTS_SAVE_AS": "checklists/{id}/index.html",
    "CHECKLISTS_INDEX_URL": "checklists/",
    "CHECKLISTS_INDEX_SAVE_AS": "checklists/index.html",
    "CHECKLISTS_SERIES_URL": "checklists/series/{slug}/",
    "CHECKLISTS_SERIES_SAVE_AS": "checklists/series/{slug}/index.html",
    "CHECKLISTS_JSON_URL": "checklists/index.json",
    "CHECKLISTS_JSON_SAVE_AS": "checklists/index.json",
    "CHECKLISTS_QR_URL": "checklists/{id}/qr.svg",
    "CHECKLISTS_QR_SAVE_AS": "checklists/{id}/qr.svg",
    "CHECKLISTS_QR_SITEURL": "",
    "CHECKLISTS_THEME_DEFAULTS": True,
}
COMPONENT_TEMPLATE = "checklists/component"
# What a page that shows a checklist loads, added to its <head> (HeadAssets).
ASSETS_TEMPLATE = "checklists/assets"
HEAD_END_RE = re.compile(r"</head\s*>", re.IGNORECASE)
PAGE_TEMPLATE = "checklists/checklist"
INDEX_TEMPLATE = "checklists/index"
SERIES_TEMPLATE = "checklists/series"
JSON_TEMPLATE = "checklists/index-json"
# Renders a QR code's SVG: written through Pelican's writer like every page, so
# that plugins/build_speed makes half of them on its second core.
QR_TEMPLATE = "checklists/qr-code"
# What a finished checklist (the component template's root element) carries.
MODULE_ATTRIBUTE = 'data-module="checklist"'
ID_ATTRIBUTE_RE = re.compile(r'data-checklist-id="([^"]*)"')
# A checkbox of a checklist's fieldset, as the Markdown step writes it.
CHECKBOX_RE = re.compile(r'<input [^>]*class="checklist__input"[^>]*>')
VALUE_RE = re.compile(r' value="([^"]*)"')
# HTML as Python-Markdown writes it: void elements without a slash, boolean
# attributes bare, and only &, < and > escaped (text stays as written).
HTML5 = HTMLFormatter(
    entity_substitution=EntitySubstitution.substitute_xml,
    void_element_close_prefix=None,
    empty_attributes_are_booleans=True,
)


@dataclass
class Checklist:
    """One checklist of the site, as templates see it."""

    id: str  # site-wide: the storage key and the printable page's address
    title: str
    # What the Markdown step made of the task list, as in the post's source:
    # Pelican resolves its {filename} links with the rest of the post.
    fieldset: Markup
    item_count: int
    timed: int  # how many items have a time limit
    start: str | None  # the question that asks when the time limits start
    source: Content  # the post or page it is in
    url: str | None  # of its printable page; None when it has none
    save_as: str | None
    address: str | None  # the printable page's absolute address, in its QR code
    qr_url: str | None  # the QR code's SVG; None when the page or address is missing
    qr_save_as: str | None
    disclaimer: str | None
    pinned: bool  # its id is the author's, not derived from the post's slug
    # For feeds, as in the post's source: the list marked ☐ and ☑, and the
    # component on the post that it replaces.
    plain: str
    component: str = ""

    @property
    def items(self) -> list[tuple[str, bool]]:
        """Return each item's id, and whether a new reader sees it ticked."""
        return [
            (VALUE_RE.search(box)[1], " checked" in box)
            for box in CHECKBOX_RE.findall(self.fieldset)
        ]


# --- Settings and wiring -------------------------------------------------------


def _setting_problem(name: str, value: object) -> str | None:
    """Return what is wrong with a setting's value, or None when it is usable."""
    if name == "CHECKLISTS_THEME_DEFAULTS":
        return None if isinstance(value, bool) else "True or False"
    if not isinstance(value, str):
        return "a path written as text"
    per_checklist = (
        "CHECKLISTS_URL",
        "CHECKLISTS_SAVE_AS",
        "CHECKLISTS_QR_URL",
        "CHECKLISTS_QR_SAVE_AS",
    )
    if name in per_checklist and value and "{id}" not in value:
        return "a path with {id} in it (or an empty SAVE_AS, to write no pages)"
    per_series = ("CHECKLISTS_SERIES_URL", "CHECKLISTS_SERIES_SAVE_AS")
    if name in per_series and value and "{slug}" not in value:
        return "a path with {slug} in it (or an empty SAVE_AS, to write no pages)"
    if name == "CHECKLISTS_QR_SITEURL" and value and not _is_absolute(value):
        return "an absolute address (https://…), or empty for SITEURL"
    return None


def _is_absolute(address: str) -> bool:
    return address.startswith(("https://", "http://"))


def configure(pelican) -> None:
    settings = pelican.settings
    for name, default in DEFAULT_SETTINGS.items():
        value = settings.setdefault(name, default)
        problem = _setting_problem(name, value)
        if problem:
            log.error(
                "checklists: %s must be %s, not %r; using %r",
                name,
                problem,
                value,
                default,
            )
            settings[name] = default
    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    extension = next(
        (e for e in extensions if isinstance(e, ChecklistsExtension)), None
    )
    if extension is None:
        extension = ChecklistsExtension()
        extensions.append(extension)
    extension.setConfig("records", True)
    settings["JINJA_FILTERS"] = {**settings["JINJA_FILTERS"], "checklist_qr": qr_svg}
    # An absolute path: Pelican (and a fingerprinting plugin) join it to THEME,
    # which leaves it as it is, and copy its files beside the theme's.
    static = str(PLUGIN_DIR / "static")
    if static not in settings["THEME_STATIC_PATHS"]:
        settings["THEME_STATIC_PATHS"] = [*settings["THEME_STATIC_PATHS"], static]


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


# --- Each post and page -----------------------------------------------------------


def finish_articles(generator) -> None:
    listed = [*generator.articles, *generator.translations]
    unlisted = [
        *generator.drafts,
        *generator.drafts_translations,
        *generator.hidden_articles,
        *generator.hidden_translations,
    ]
    _finish(generator, listed, unlisted)


def finish_pages(generator) -> None:
    listed = [*generator.pages, *generator.translations]
    unlisted = [
        *generator.hidden_pages,
        *generator.hidden_translations,
        *generator.draft_pages,
        *generator.draft_translations,
    ]
    _finish(generator, listed, unlisted)


def _finish(
    generator: Generator, listed: list[Content], unlisted: list[Content]
) -> None:
    """Make the checklists of ``listed`` and ``unlisted`` whole; remember them.

    Only a listed post or page (published, or a draft that ``make serve``
    previews as one) has printable pages: a draft or hidden post is not for
    every reader, and its checklists are not listed on the site either.
    """
    found = generator.context.setdefault("checklists", [])
    template = generator.get_template(COMPONENT_TEMPLATE)
    HEAD_ASSETS.template = generator.get_template(ASSETS_TEMPLATE)
    for contents, has_pages in ((listed, True), (unlisted, False)):
        for content in contents:
            content.checklists = _finish_content(
                content, has_pages, generator, template
            )
            found += content.checklists


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


def _finish_content(
    content: Content, has_pages: bool, generator: Generator, template: Template
) -> list[Checklist]:
    # A task list in a `Summary:` stays the list the Markdown step made.
    summary = content.metadata.get("summary")
    if summary and RECORD_START in summary:
        content.metadata["summary"] = content._summary = without_records(summary)
    # `_content` is the HTML before Pelican resolves {filename} links: what every
    # later reader of the content (templates, feeds, other plugins) starts from.
    # Pelican caches it before this runs, so a cached build finishes it again.
    if RECORD_START not in (content._content or ""):
        return []
    checklists: list[Checklist] = []

    def finish(html: str) -> str:
        """Return ``html``, its records read and removed, its checklists whole."""
        parts, at = [], 0
        while (record := next_record(html, at)) is not None:
            start, end, data = record
            parts.append(html[at:start])
            at = end
            if "problem" in data:
                _report_problem(content, data)
                continue
            # A checklist can hold another in an item's description.
            fieldset = finish(html[at : at + data["length"]])
            at += data["length"]
            checklist = _checklist(
                content, data, fieldset, has_pages, generator.settings
            )
            checklist.component = template.render(
                {**generator.context, "checklist": checklist, "sheet": False}
            )
            parts.append(checklist.component)
            checklists.append(checklist)
        parts.append(html[at:])
        return "".join(parts)

    content._content = finish(content._content)
    return checklists


def _checklist(
    content: Content, record: dict, fieldset: str, has_pages: bool, settings: dict
) -> Checklist:
    pinned = record["pin"]
    if pinned:
        checklist_id = pinned
    else:
        scope = (
            content.slug
            if content.in_default_lang
            else f"{content.slug}-{content.lang}"
        )
        checklist_id = f"{scope}{ID_SEPARATOR}{record['id']}"
    save_as = settings["CHECKLISTS_SAVE_AS"] if has_pages else ""
    url = settings["CHECKLISTS_URL"].format(id=checklist_id) if save_as else None
    siteurl = settings["CHECKLISTS_QR_SITEURL"] or settings["SITEURL"]
    address = f"{siteurl}/{url}" if url is not None and _is_absolute(siteurl) else None
    qr_save_as = settings["CHECKLISTS_QR_SAVE_AS"] if address else ""
    return Checklist(
        id=checklist_id,
        title=record["title"],
        fieldset=Markup(fieldset),
        item_count=record["items"],
        timed=record["timed"],
        start=record["start"],
        source=content,
        url=url,
        save_as=save_as.format(id=checklist_id) if save_as else None,
        address=address,
        qr_url=settings["CHECKLISTS_QR_URL"].format(id=checklist_id)
        if qr_save_as
        else None,
        qr_save_as=qr_save_as.format(id=checklist_id) if qr_save_as else None,
        disclaimer=getattr(
            content, "disclaimer_text", settings.get("SITE_DISCLAIMER") or None
        ),
        pinned=bool(pinned),
        plain=record["plain"],
    )


def _report_problem(content: Content, record: dict) -> None:
    line = None
    if record["line"]:
        line = source_line(content.source_path, record["line"], record["occurrence"])
    log.error(
        "%s",
        record["problem"],
        extra={
            "content_path": content.source_path,
            "content_line": line,
            "content_fix": record["fix"],
        },
    )


def source_line(path: str, text: str, occurrence: int = 1) -> int | None:
    """Return the number of the line of ``path`` that is ``text``.

    ``occurrence`` says which of several identical lines (1 for the first).
    The Markdown step sees the text after the header a reader may have removed,
    so the line is found in the file itself.
    """
    matches = [number for number, line in _lines(path) if line.rstrip() == text]
    if not matches:
        return None
    return matches[min(occurrence, len(matches)) - 1]


def _lines(path: str) -> list[tuple[int, str]]:
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return []
    return list(enumerate(text.split("\n"), start=1))


def _title_line(checklist: Checklist) -> int | None:
    """Return the line of a checklist's pin, or of its title, in its file."""
    lines = _lines(checklist.source.source_path)
    if checklist.pinned:
        pin = re.compile(r"\{:?[^}]*#" + re.escape(checklist.id) + r"[\s}]")
        found = [number for number, line in lines if pin.search(line)]
    else:
        found = [number for number, line in lines if checklist.title in line]
    return found[0] if found else None


# --- The site's checklist pages ---------------------------------------------------


class ChecklistPagesGenerator(Generator):
    """Write each checklist's printable page, and the page that lists them."""

    # Its pages may be rendered on the second core (plugins/build_speed).
    writes_only_through_writer = True

    def generate_context(self) -> None:
        owners = _report_shared_ids(self.context.get("checklists", []))
        self.printable = [checklist for checklist in owners if checklist.save_as]
        groups: dict[int, list[Checklist]] = defaultdict(list)
        for checklist in self.printable:
            groups[id(checklist.source)].append(checklist)
        # In the order the site lists its posts, then its pages.
        self.index = [(group[0].source, group) for group in groups.values()]
        self.series = _by_series(self.printable, self.settings)
        self.context["checklist_series_urls"] = {
            name: url for name, (url, _, _) in self.series.items()
        }

    def generate_output(self, writer) -> None:
        relative_urls = self.settings["RELATIVE_URLS"]
        page_template = self.get_template(PAGE_TEMPLATE)
        qr_template = self.get_template(QR_TEMPLATE)
        for checklist in self.printable:
            writer.write_file(
                checklist.save_as,
                page_template,
                self.context,
                relative_urls=relative_urls,
                url=checklist.url,
                checklist=replace(checklist, fieldset=_as_on_its_post(checklist)),
                sheet=True,
                # The page a progress link leads to (share.js).
                own_page=True,
            )
            if checklist.qr_save_as:
                writer.write_file(
                    checklist.qr_save_as, qr_template, self.context, checklist=checklist
                )
        series_template = self.get_template(SERIES_TEMPLATE)
        for name, (url, save_as, checklists) in self.series.items():
            writer.write_file(
                save_as,
                series_template,
                self.context,
                relative_urls=relative_urls,
                url=url,
                series_name=name,
                checklists=[
                    replace(checklist, fieldset=_as_on_its_post(checklist))
                    for checklist in checklists
                ],
                sheet=True,
            )
        save_as = self.settings["CHECKLISTS_JSON_SAVE_AS"]
        if save_as:
            writer.write_file(
                save_as,
                self.get_template(JSON_TEMPLATE),
                self.context,
                index_json=Markup(
                    json.dumps(_progress_index_of(self.printable, self.series))
                ),
            )
        save_as = self.settings["CHECKLISTS_INDEX_SAVE_AS"]
        if save_as:
            writer.write_file(
                save_as,
                self.get_template(INDEX_TEMPLATE),
                self.context,
                relative_urls=relative_urls,
                url=self.settings["CHECKLISTS_INDEX_URL"],
                checklist_groups=self.index,
            )


def qr_svg(address: str) -> Markup:
    """Return a QR code of ``address`` as an SVG document (the ``checklist_qr`` filter).

    Error correction M (15 % of the code may be lost: a crease, a coffee ring),
    raised where the same size allows. The mask is fixed: choosing the best of
    eight, as segno does by default, takes five times as long (12 ms a code here,
    12 s for a site of 1,000 checklists), and any mask scans.
    """
    code = segno.make(address, error="m", micro=False, mask=2)
    svg = io.BytesIO()
    code.save(svg, kind="svg", xmldecl=False, border=2, omitsize=True)
    return Markup(svg.getvalue().decode())


def _progress_index_of(
    printable: list[Checklist], series: dict[str, tuple[str, str, list[Checklist]]]
) -> dict:
    """Return what progress.js needs: items, and the checklists of posts and series."""
    posts: dict[str, list[str]] = defaultdict(list)
    for checklist in printable:
        posts[checklist.source.url].append(checklist.id)
    return {
        "checklists": {
            checklist.id: {
                "items": [item for item, _ in checklist.items],
                "ticked": [item for item, ticked in checklist.items if ticked],
            }
            for checklist in printable
        },
        "posts": posts,
        "series": {
            name: list(dict.fromkeys(c.source.url for c in group))
            for name, (_, _, group) in series.items()
        },
    }


def _by_series(
    checklists: list[Checklist], settings: dict
) -> dict[str, tuple[str, str, list[Checklist]]]:
    """Return ``{series name: (url, save_as, its checklists part by part)}``.

    A post's series is pelican-series' ``series`` attribute, whose ``all`` holds
    the parts in their order; the checklists of one part keep the post's order.
    """
    save_as = settings["CHECKLISTS_SERIES_SAVE_AS"]
    by_name: dict[str, list[Checklist]] = defaultdict(list)
    for checklist in checklists if save_as else ():
        joined = getattr(checklist.source, "series", None)
        if joined:
            by_name[joined["name"]].append(checklist)
    found = {}
    for name, group in sorted(by_name.items()):
        parts = group[0].source.series["all"]
        group.sort(key=lambda checklist: parts.index(checklist.source))
        slug = URLWrapper(name, settings).slug
        found[name] = (
            settings["CHECKLISTS_SERIES_URL"].format(slug=slug),
            save_as.format(slug=slug),
            group,
        )
    return found


def _oldest_first(checklist: Checklist) -> tuple:
    date = getattr(checklist.source, "date", None)
    return (date is None, date.timestamp() if date else 0, checklist.source.source_path)


def _as_on_its_post(checklist: Checklist) -> Markup:
    """Return the checklist's fieldset as on its post, links resolved by Pelican."""
    return Markup(
        _resolved(checklist, checklist.fieldset, checklist.source.get_siteurl())
    )


def _resolved(checklist: Checklist, html: str, siteurl: str) -> str:
    """Return ``html`` of ``checklist`` with its links resolved as in its post.

    Pelican resolves a post's links one tag at a time (``Content.content`` is
    ``_update_content(_content)``), so a part of the post resolved alone is what
    it is inside the whole.
    """
    return checklist.source._update_content(html, siteurl)


def _report_shared_ids(checklists: list[Checklist]) -> list[Checklist]:
    """Report each checklist whose id another one has; return one per id.

    The oldest post's checklist keeps the id, and with it the printable page
    and the readers' ticks: it is the one readers have been using. The list
    returned is in the order the site lists its posts, then its pages.
    """
    owners: dict[str, Checklist] = {}
    for checklist in sorted(checklists, key=_oldest_first):
        owner = owners.setdefault(checklist.id, checklist)
        if owner is checklist:
            continue
        where = owner.source.relative_source_path
        if checklist.pinned:
            fix = (
                f"change the pin {{: #{checklist.id} }} to an id no other checklist "
                "on the site has."
            )
        else:
            suggestion = checklist.id.replace(ID_SEPARATOR, "-")
            fix = (
                "pin an id of its own: end the heading, or the lead-in line, right "
                f"before the checklist with {{: #{suggestion} }} (or another name "
                "no other checklist has)."
            )
        log.error(
            "The checklist “%s” has the id “%s”, like the checklist “%s” in %s: "
            "they would share one printable page and readers' ticks.",
            checklist.title,
            checklist.id,
            owner.title,
            where,
            extra={
                "content_path": checklist.source.source_path,
                "content_line": _title_line(checklist),
                "content_fix": fix,
            },
        )
    kept = {id(checklist) for checklist in owners.values()}
    return [checklist for checklist in checklists if id(checklist) in kept]


def get_generators(pelican) -> type[ChecklistPagesGenerator]:
    del pelican
    return ChecklistPagesGenerator


# --- Feeds ---------------------------------------------------------------------


def simplify_feed(context, feed) -> None:
    """Give feed readers, which drop form controls, each checklist as a list."""
    # The address the feed writer resolved the posts' links with.
    siteurl = context.get("SITEURL", "")
    by_id: dict[str, list[Checklist]] = defaultdict(list)
    for checklist in context.get("checklists", []):
        by_id[checklist.id].append(checklist)
    for item in feed.items:
        for key in ("content", "description"):
            if item.get(key) and MODULE_ATTRIBUTE in item[key]:
                item[key] = _with_plain_lists(item[key], by_id, siteurl)


def _with_plain_lists(
    html: str, by_id: dict[str, list[Checklist]], siteurl: str
) -> str:
    """Return a feed item's ``html`` with each checklist's component as a list.

    A component is replaced by the plain list the Markdown step made; one that is
    not whole (a summary cut short inside it) is converted from its HTML.
    """
    # The last first: a checklist can hold another in an item's description, and
    # once the inner one is a list, the outer one is no longer whole.
    for checklist_id in reversed(dict.fromkeys(ID_ATTRIBUTE_RE.findall(html))):
        for checklist in by_id.get(checklist_id, ()):
            component = _resolved(checklist, checklist.component, siteurl)
            if component in html:
                plain = _resolved(checklist, checklist.plain, siteurl)
                html = html.replace(component, plain)
    return checklists_as_text(html) if MODULE_ATTRIBUTE in html else html


def checklists_as_text(html: str) -> str:
    """Return ``html`` with each checklist as a plain list: ☐ to do, ☑ done."""
    soup = BeautifulSoup(html, "html.parser")
    for component in soup.select(f"[{MODULE_ATTRIBUTE}]"):
        items = component.select_one(".checklist__items")
        component.replace_with(_as_text(soup, items) if items else "")
    return soup.decode(formatter=HTML5)


def _as_text(soup: BeautifulSoup, items: Tag) -> Tag:
    plain = soup.new_tag(items.name)
    for item in items.find_all("li", class_="checklist__item", recursive=False):
        box = item.find("input", recursive=False)
        label = item.find("label", recursive=False)
        line = soup.new_tag("li")
        line.append(f"{MARKS[box is not None and box.has_attr('checked')]} ")
        line.extend(list(label.contents) if label else [])
        for extra in item.find_all(recursive=False):
            if "checklist__details" in (extra.get("class") or []):
                line.extend(list(extra.contents))
            elif "checklist__items" in (extra.get("class") or []):
                line.append(_as_text(soup, extra))
        plain.append(line)
    return plain


def register() -> None:
    signals.initialized.connect(configure)
    signals.generator_init.connect(fit_theme)
    signals.article_generator_finalized.connect(finish_articles)
    signals.page_generator_finalized.connect(finish_pages)
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(simplify_feed)
    signals.content_written.connect(HEAD_ASSETS.add)
