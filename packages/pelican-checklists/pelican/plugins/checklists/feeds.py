"""Feeds: each checklist as a plain list marked ☐ (to do) and ☑ (ticked).

Feed readers drop form controls, so in every feed item (``feed_generated``) a
checklist's component is replaced by the plain list the Markdown step recorded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup
from bs4.dammit import EntitySubstitution
from bs4.formatter import HTMLFormatter

from .theme import MODULE_ATTRIBUTE

if TYPE_CHECKING:
    from .checklists import Checklist

ID_ATTRIBUTE_RE = re.compile(r'data-checklist-id="([^"]*)"')
# HTML as Python-Markdown writes it: void elements without a slash, boolean
# attributes bare, and only &, < and > escaped (text stays as written).
HTML5 = HTMLFormatter(
    entity_substitution=EntitySubstitution.substitute_xml,
    void_element_close_prefix=None,
    empty_attributes_are_booleans=True,
)


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

    A component is replaced by the plain list the Markdown step made. One that is
    not whole (a summary cut short inside it) is found in the parsed HTML and
    replaced by the whole list.
    """
    # In order: a checklist can hold another in an item's description, and the
    # outer one's plain list holds the inner one's.
    for checklist_id in dict.fromkeys(ID_ATTRIBUTE_RE.findall(html)):
        for checklist in by_id.get(checklist_id, ()):
            component = checklist.resolved(checklist.component, siteurl)
            if component in html:
                html = html.replace(
                    component, checklist.resolved(checklist.plain, siteurl)
                )
    if MODULE_ATTRIBUTE not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    for cut_short in soup.select(f"[{MODULE_ATTRIBUTE}]"):
        [checklist, *_] = by_id[cut_short["data-checklist-id"]]
        plain = checklist.resolved(checklist.plain, siteurl)
        cut_short.replace_with(BeautifulSoup(plain, "html.parser"))
    return soup.decode(formatter=HTML5)
