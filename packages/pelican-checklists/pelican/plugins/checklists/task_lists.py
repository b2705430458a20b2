"""Reading a task list from the tree: its items, their sub-items, its title.

Nothing is changed here: what is read is checked (``ChecklistsTreeprocessor``)
before ``markup.py`` makes the list a checklist.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown import Markdown

from . import mistakes
from .attributes import (
    ITEM_KEYS,
    KEYS,
    TITLE_KEYS,
    Attributes,
    TimeLimit,
    own_text_end,
    read_attributes,
    written_attributes,
)
from .mistakes import Problem
from .plain_text import plain_text
from .recording import LISTS

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# The box that starts a task item, followed by a space or the end of the text.
BOX_RE = re.compile(r"^\[([ xX])\](?:[ \t]+|$)")


@dataclass
class Item:
    """One task item, as read from the tree before anything is changed."""

    element: etree.Element  # the <li>
    holder: etree.Element  # the element whose text starts with the box
    checked: bool
    pin: str | None
    text: str  # plain text, for the id and the checks
    notes: str | None  # the prompt of its notes box
    within: TimeLimit | None
    inline: list[etree.Element]  # the label's inline elements
    blocks: list[etree.Element]  # the item's other elements, in order
    # Each nested task list, with its items: the item's sub-items.
    groups: list[tuple[etree.Element, list[Item]]] = field(default_factory=list)
    id: str = ""

    @property
    def children(self) -> list[Item]:
        return [child for _, group in self.groups for child in group]


def walk(items: list[Item]) -> Iterator[Item]:
    """Yield each item, then its sub-items, in the order they are written."""
    for item in items:
        yield item
        yield from walk(item.children)


def find_box(li: etree.Element) -> tuple[etree.Element, re.Match] | None:
    """Return the element holding a task item's box, and the box."""
    holder = li
    if not (li.text or "").strip() and len(li) and li[0].tag == "p":
        holder = li[0]  # an item of a loose list: its text is in a paragraph
    match = BOX_RE.match(holder.text or "")
    return (holder, match) if match else None


def read_list(
    md: Markdown, list_element: etree.Element, read: set, problems: list[Problem]
) -> list[Item] | None:
    """Return the items of a task list; None for a plain list (no boxes)."""
    read.add(list_element)
    elements = [child for child in list_element if child.tag == "li"]
    found = [(li, find_box(li)) for li in elements]
    boxed = [li for li, li_box in found if li_box]
    if not boxed:
        return None
    problems += [
        mistakes.unboxed_item(plain_text(md, "".join(li.itertext())), boxed[0])
        for li, li_box in found
        if not li_box
    ]
    return [read_item(md, li, read, problems) for li in boxed]


def read_item(md: Markdown, li: etree.Element, read: set, problems: list) -> Item:
    holder, item_box = find_box(li)  # type: ignore[misc] - a task item has a box
    if holder is li:
        inline = []
        for child in li:
            if md.is_block_level(child.tag):
                break
            inline.append(child)
        blocks = list(li)[len(inline) :]
    else:
        inline, blocks = list(holder), list(li)[1:]
    first_text = (holder.text or "")[item_box.end() :]
    label = first_text + "".join(
        "".join(node.itertext()) + (node.tail or "") for node in inline
    )
    written = written_attributes(first_text, inline)
    if written:
        label = label[: len(label) - len(written[0])]
    # attr_list's form, `{: ... }` on the line below the item, sets the
    # attributes on the item itself; the item is rebuilt, so each must be ours.
    attributes, wrong = read_attributes(
        md,
        {**li.attrib, **holder.attrib},
        own_text_end(first_text, inline),
        label,
        ITEM_KEYS,
        li,
    )
    problems += wrong
    item = Item(
        element=li,
        holder=holder,
        checked=item_box[1] != " ",
        pin=attributes.pin,
        text=plain_text(md, label),
        notes=attributes.notes,
        within=attributes.within,
        inline=inline,
        blocks=blocks,
    )
    for block in blocks:
        if block.tag in LISTS:
            group = read_list(md, block, read, problems)
            if group is not None:
                item.groups.append((block, group))
    return item


def find_title_element(
    md: Markdown, list_element: etree.Element, parents: dict
) -> etree.Element | None:
    """Return the heading, or the lead-in ending with a colon, right before."""
    siblings = list(parents[list_element])
    position = siblings.index(list_element)
    before = siblings[position - 1] if position else None
    if before is None or before.tag not in HEADINGS | {"p"}:
        return None
    if before.tag == "p" and not title_text(md, before).endswith(":"):
        return None
    return before


def title_text(md: Markdown, element: etree.Element) -> str:
    """Return the element's plain text without attributes written at its end."""
    text = "".join(element.itertext())
    written = written_attributes(element.text, list(element))
    return plain_text(md, text[: len(text) - len(written[0])] if written else text)


def read_title(
    md: Markdown,
    element: etree.Element | None,
    problems: list[Problem],
    first: Item,
) -> tuple[str, Attributes]:
    """Return the checklist's title and what its attribute list sets."""
    if element is None:
        return "", Attributes()
    # On a heading, attr_list has set what was written: only ours are read,
    # the rest (a class, say) stays the heading's own.
    found = {key: element.get(key) for key in ("id", *KEYS)}
    found = {key: value for key, value in found.items() if value is not None}
    title = title_text(md, element)
    own_text = own_text_end(element.text, list(element))
    attributes, wrong = read_attributes(
        md, found, own_text, title, TITLE_KEYS, first.element
    )
    problems += wrong
    return title.rstrip(":").strip(), attributes
