"""The Markdown step's records (``records=True``): each checklist, and its plain list.

After the checklists are built, ``RecordsTreeprocessor`` puts each one's plain
list (``plain_list``: the one way this package makes the ☐/☑ list) after it,
between markers, and a record in each problem note; once the tree is HTML,
``RecordsPostprocessor`` replaces the markers and the plain list by the
checklist's record (``records.py``).
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor

from .records import ChecklistRecord, record_text

if TYPE_CHECKING:
    from .treeprocessor import ChecklistsTreeprocessor

LISTS = frozenset({"ul", "ol"})
# How a checklist's items read where there are no checkboxes (feeds): to do, done.
MARKS = {False: "☐", True: "☑"}
# Where a checklist and its plain list are while the tree becomes HTML: STX,
# `checklist-`, what starts there and the checklist's number, ETX.
MARKER_START = "\x02checklist-"


def plain_list(list_element: etree.Element) -> etree.Element:
    """Return a checklist's list as a plain list: ☐ or ☑, then the item.

    Feed readers drop form controls; this keeps each item's text (its inline
    markup and description too, a checklist in it as a plain list) and its
    sub-items, marked to do or done.
    """
    plain = etree.Element(list_element.tag)
    for item in list_element:
        checkbox, label, *rest = item
        line = etree.SubElement(plain, "li")
        line.text = f"{MARKS[checkbox.get('checked') is not None]} {label.text or ''}"
        line.extend(copy.deepcopy(child) for child in label)
        for block in rest:
            if block.get("class") == "checklist__details":
                line.extend(_plain_copy(child) for child in block)
            elif block.tag in LISTS:  # a group of sub-items
                line.append(plain_list(block))
    return plain


def _plain_copy(element: etree.Element) -> etree.Element:
    """Return a copy of ``element`` in which each checklist is a plain list."""
    if not isinstance(element.tag, str):  # a comment
        return copy.deepcopy(element)
    if element.tag == "fieldset" and element.get("class") == "checklist__fieldset":
        plain = plain_list(element[1])  # after its legend
        plain.tail = element.tail
        return plain
    copied = etree.Element(element.tag, dict(element.attrib))
    copied.text, copied.tail = element.text, element.tail
    copied.extend(_plain_copy(child) for child in element)
    return copied


class RecordsTreeprocessor(Treeprocessor):
    """Put each checklist's plain list after it, between markers; record problems.

    The markers tell ``RecordsPostprocessor`` where each checklist and its plain
    list are in the finished HTML.
    """

    def __init__(self, md: Markdown, checklists: ChecklistsTreeprocessor) -> None:
        super().__init__(md)
        self.checklists = checklists

    def run(self, root: etree.Element) -> None:
        del root
        built = self.checklists.built
        # Every copy first, so that none holds another checklist's markers.
        # (A fieldset holds its legend, then its list.)
        plains = [plain_list(checklist.fieldset[1]) for checklist in built]
        for note, record in self.checklists.notes:
            note.insert(0, etree.Comment(record_text(record)))
        for number, (checklist, plain) in enumerate(zip(built, plains, strict=True)):
            fieldset, parent = checklist.fieldset, checklist.parent
            position = list(parent).index(fieldset)
            start = _marker("start", number)
            if position:
                parent[position - 1].tail = (parent[position - 1].tail or "") + start
            else:
                parent.text = (parent.text or "") + start
            plain.tail = _marker("end", number) + (fieldset.tail or "")
            fieldset.tail = _marker("plain", number)
            parent.insert(position + 1, plain)


def _marker(name: str, number: int) -> str:
    return f"{MARKER_START}{name}:{number}\x03"


class RecordsPostprocessor(Postprocessor):
    """Replace each checklist's markers and plain list with its record."""

    def __init__(self, md: Markdown, checklists: ChecklistsTreeprocessor) -> None:
        super().__init__(md)
        self.checklists = checklists

    def run(self, text: str) -> str:
        if MARKER_START not in text:
            return text  # `toc` runs the postprocessors on each heading's text too
        # The last first: a checklist in another's description is inside it,
        # and the record of the outer one counts the inner one's record.
        for number in reversed(range(len(self.checklists.built))):
            checklist = self.checklists.built[number]
            start_marker = _marker("start", number)
            plain_marker = _marker("plain", number)
            end_marker = _marker("end", number)
            start = text.index(start_marker)
            plain = text.index(plain_marker, start)
            end = text.index(end_marker, plain)
            fieldset = text[start + len(start_marker) : plain]
            record = record_text(
                ChecklistRecord(
                    id=checklist.local_id,
                    pin=checklist.pin,
                    title=checklist.title,
                    items=checklist.items,
                    timed=checklist.timed,
                    start=checklist.start,
                    length=len(fieldset),
                    plain=text[plain + len(plain_marker) : end],
                )
            )
            after = text[end + len(end_marker) :]
            text = f"{text[:start]}<!--{record}-->{fieldset}{after}"
        return text
