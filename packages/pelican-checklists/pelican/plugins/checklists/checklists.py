"""Checklists: a task list in a post becomes an interactive, printable checklist.

The Markdown step (``markdown_extension.py``) turns each task list into a
``<fieldset>`` of checkboxes and records what it made (``records.py``). This
module wires that step into Pelican and finishes every post and page:

- ``initialized``: the ``CHECKLISTS_*`` defaults (the package's README lists
  them), the Markdown extension, the plugin's static files (``static/``, copied
  beside the theme's own) and the ``checklist_qr`` filter.
- ``article_generator_finalized`` and ``page_generator_finalized``: each checklist
  of every post and page (drafts, hidden ones and translations too) gets its
  site-wide id, ``<post slug>--<title slug>`` unless the author pinned one, and
  is wrapped in ``checklists/component.html``: progress, Reset, Print, a link to
  its printable page, and what a printed sheet adds (title, source, date,
  disclaimer). The problems the Markdown step found are reported here. The
  records are read and removed, so a post is finished by slicing and joining
  strings, without parsing its HTML again.

The rest is in modules of their own: the site's checklist pages (``pages.py``),
feeds (``feeds.py``), fitting any theme (``theme.py``), finding a line in a
content file (``source.py``).

A mistake in a checklist is logged as an error with the file, line and fix in
``extra`` (``content_path``, ``content_line``, ``content_fix``), for a plugin that
collects them (this site's content checks print them and fail the build); the
page itself shows the problem where the checklist would be.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from jinja2 import Template
from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator

from . import feeds, pages, theme
from .ids import ID_SEPARATOR
from .markdown_extension import ChecklistsExtension
from .records import (
    RECORD_START,
    ChecklistRecord,
    ProblemRecord,
    next_record,
    without_records,
)
from .source import source_line

log = logging.getLogger(__name__)

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


@dataclass
class Checklist:
    """One checklist of the site, as templates see it."""

    id: str  # site-wide: the storage key and the printable page's address
    title: str
    # What the Markdown step made of the task list, as in the post's source:
    # Pelican resolves its {filename} links with the rest of the post.
    fieldset: Markup
    # Each item's id (sub-items' too) and whether a new reader sees it ticked.
    items: tuple[tuple[str, bool], ...]
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
    # The fieldset resolved for a page of its own, by that page's address.
    _fieldsets_on_pages: dict[str, Markup] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def item_count(self) -> int:
        return len(self.items)

    @property
    def fieldset_on_page(self) -> Markup:
        """Return the fieldset as on its post, for a page of its own.

        On its post, Pelican resolves the fieldset's links with the rest of the
        post; on a printable or series page, they are resolved here, for the
        address of the page being written (``get_siteurl``, as ``content`` is),
        once for each address: a printable page and its series' page share it.
        """
        siteurl = self.source.get_siteurl()
        if siteurl not in self._fieldsets_on_pages:
            self._fieldsets_on_pages[siteurl] = Markup(
                self.resolved(self.fieldset, siteurl)
            )
        return self._fieldsets_on_pages[siteurl]

    def resolved(self, html: str, siteurl: str) -> str:
        """Return ``html`` of this checklist with its links resolved as in its post.

        Pelican resolves a post's links one tag at a time (``Content.content`` is
        ``_update_content(_content)``), so a part of the post resolved alone is
        what it is inside the whole.
        """
        return self.source._update_content(html, siteurl)


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
    settings["JINJA_FILTERS"] = {
        **settings["JINJA_FILTERS"],
        "checklist_qr": pages.qr_svg,
    }
    # An absolute path: Pelican (and a fingerprinting plugin) join it to THEME,
    # which leaves it as it is, and copy its files beside the theme's.
    static = str(theme.PLUGIN_DIR / "static")
    if static not in settings["THEME_STATIC_PATHS"]:
        settings["THEME_STATIC_PATHS"] = [*settings["THEME_STATIC_PATHS"], static]


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
    theme.HEAD_ASSETS.template = generator.get_template(theme.ASSETS_TEMPLATE)
    for contents, has_pages in ((listed, True), (unlisted, False)):
        for content in contents:
            finish_content(content, has_pages, generator)
            found += content.checklists


def finish_content(content: Content, has_pages: bool, generator: Generator) -> None:
    """Make the checklists of one post or page whole, as ``content.checklists``.

    Also called by plugins/live_preview, which reads a post again when only its
    body was edited and renders its page alone.
    """
    template = generator.get_template(COMPONENT_TEMPLATE)
    content.checklists = _finish_content(content, has_pages, generator, template)


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
            start, end, found = record
            parts.append(html[at:start])
            at = end
            if isinstance(found, ProblemRecord):
                _report_problem(content, found)
                continue
            # A checklist can hold another in an item's description.
            fieldset = finish(html[at : at + found.length])
            at += found.length
            checklist = _checklist(
                content, found, fieldset, has_pages, generator.settings
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
    content: Content,
    record: ChecklistRecord,
    fieldset: str,
    has_pages: bool,
    settings: dict,
) -> Checklist:
    pinned = record.pin
    if pinned:
        checklist_id = pinned
    else:
        scope = (
            content.slug
            if content.in_default_lang
            else f"{content.slug}-{content.lang}"
        )
        checklist_id = f"{scope}{ID_SEPARATOR}{record.id}"
    save_as = settings["CHECKLISTS_SAVE_AS"] if has_pages else ""
    url = settings["CHECKLISTS_URL"].format(id=checklist_id) if save_as else None
    siteurl = settings["CHECKLISTS_QR_SITEURL"] or settings["SITEURL"]
    address = f"{siteurl}/{url}" if url is not None and _is_absolute(siteurl) else None
    qr_save_as = settings["CHECKLISTS_QR_SAVE_AS"] if address else ""
    return Checklist(
        id=checklist_id,
        title=record.title,
        fieldset=Markup(fieldset),
        items=record.items,
        timed=record.timed,
        start=record.start,
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
        plain=record.plain,
    )


def _report_problem(content: Content, record: ProblemRecord) -> None:
    line = None
    if record.line:
        line = source_line(
            content.source_path,
            lambda text: text.rstrip() == record.line,
            record.occurrence or 1,
        )
    log.error(
        "%s",
        record.problem,
        extra={
            "content_path": content.source_path,
            "content_line": line,
            "content_fix": record.fix,
        },
    )


def register() -> None:
    signals.initialized.connect(configure)
    signals.generator_init.connect(theme.fit_theme)
    signals.article_generator_finalized.connect(finish_articles)
    signals.page_generator_finalized.connect(finish_pages)
    signals.get_generators.connect(pages.get_generators)
    signals.feed_generated.connect(feeds.simplify_feed)
    signals.content_written.connect(theme.HEAD_ASSETS.add)
