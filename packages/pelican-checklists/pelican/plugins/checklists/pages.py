"""The site's checklist pages, written from every post's and page's checklists.

Each checklist's printable page and QR code, the Checklists page, a page per
series, and the list of items progress.js reads.

Written by ``ChecklistPagesGenerator`` (``get_generators``), from the
checklists the Pelican part finished on every post and page; a checklist whose
id another one already has is reported, and the oldest keeps the id.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections import defaultdict
from typing import TYPE_CHECKING

import segno
from markupsafe import Markup
from pelican.generators import Generator
from pelican.urlwrappers import URLWrapper

from .ids import ID_SEPARATOR
from .source import source_line

if TYPE_CHECKING:
    from .checklists import Checklist

log = logging.getLogger(__name__)

PAGE_TEMPLATE = "checklists/checklist"
INDEX_TEMPLATE = "checklists/index"
SERIES_TEMPLATE = "checklists/series"
JSON_TEMPLATE = "checklists/index-json"
# Renders a QR code's SVG, written through Pelican's writer like every page.
QR_TEMPLATE = "checklists/qr-code"


class ChecklistPagesGenerator(Generator):
    """Write each checklist's printable page, and the page that lists them."""

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
        qr_template = self.get_template(QR_TEMPLATE)
        for checklist in self.printable:
            self.write_printable(writer, checklist)
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
                checklists=checklists,
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

    def write_printable(self, writer, checklist: Checklist) -> None:
        """Write one checklist's printable page.

        Also called by plugins/live_preview, which renders the printable pages of
        a post edited in its body alone, from the last build's generator.
        """
        writer.write_file(
            checklist.save_as,
            self.get_template(PAGE_TEMPLATE),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=checklist.url,
            checklist=checklist,
            sheet=True,
            # The page a progress link leads to (share.js).
            own_page=True,
        )


# `make serve` builds again in the same process on every save (plugins/live_preview):
# each address's code is made once, not once a rebuild.
@functools.cache
def qr_svg(address: str) -> Markup:
    """Return a QR code of ``address`` as an SVG document (the ``checklist_qr`` filter).

    Error correction M (15 % of the code may be lost: a crease, a coffee ring),
    raised where the same size allows. The mask is fixed: choosing the best of
    eight, as segno does by default, takes five times as long (12 ms a code here,
    12 s for a site of 1,000 checklists), and any mask scans.
    """
    code = segno.make(address, error="m", micro=False, mask=2)
    return Markup(_svg_of(code.matrix))


# A run of dark modules in a row of segno's matrix (a bytearray of 0 and 1).
DARK_RUN_RE = re.compile(rb"\x01+")
# The light margin around the code, in modules, as the codes have always had
# (segno's default is the standard's 4).
QR_BORDER = 2


def _svg_of(matrix: tuple[bytearray, ...]) -> str:
    """Return the SVG document segno writes of ``matrix``, byte for byte.

    That is ``save(kind="svg", xmldecl=False, border=2, omitsize=True)``: each
    run of dark modules is a stroke one module wide, the pen moving from the end
    of one to the start of the next. Written here from the runs a regex finds,
    it takes 0.26 ms a code, where segno's writer, which serves every option
    and colour, takes 0.7 ms (measured on 1,000 addresses).
    """
    strokes = []
    pen_x = pen_row = None
    for row_number, row in enumerate(matrix):
        for run in DARK_RUN_RE.finditer(row):
            start, end = run.span()
            if pen_row is None:  # absolute; a stroke runs along the middle of its row
                strokes.append(f"M{start + QR_BORDER} {row_number + QR_BORDER + 0.5}")
            else:
                strokes.append(f"m{start - pen_x} {row_number - pen_row}")
            strokes.append(f"h{end - start}")
            pen_x, pen_row = end, row_number
    size = len(matrix) + 2 * QR_BORDER
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'class="segno"><path class="qrline" stroke="#000" d="{"".join(strokes)}"/>'
        "</svg>\n"
    )


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


def _title_line(checklist: Checklist) -> int | None:
    """Return the line of a checklist's pin, or of its title, in its file."""
    if checklist.pinned:
        pin = re.compile(r"\{:?[^}]*#" + re.escape(checklist.id) + r"[\s}]")
        return source_line(checklist.source.source_path, pin.search)
    return source_line(
        checklist.source.source_path, lambda line: checklist.title in line
    )


def get_generators(pelican) -> type[ChecklistPagesGenerator]:
    del pelican
    return ChecklistPagesGenerator
