"""The tree processor: each task list read, checked, and made a checklist or explained.

``task_lists.py`` reads a list and its title, ``attributes.py`` their attribute
lists, ``markup.py`` writes the checklist or the problem notes; what is checked
here is what needs the whole list (ids, empty items, repeated checklists).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from . import mistakes
from .attributes import VALID_PIN_RE
from .ids import ID_SEPARATOR, text_id
from .markup import (
    HTML_ID_PREFIX,
    add_problem_notes,
    build_checklist,
    drop_attribute_text,
    notes_box,
    tree_text,
)
from .mistakes import Problem
from .recording import LISTS
from .records import ProblemRecord
from .source_lines import SourceLinesPreprocessor
from .task_lists import Item, find_box, find_title_element, read_list, read_title, walk

UNTITLED_ID = "checklist"
DEFAULT_TITLE = "Checklist"
# The question that asks for the moment an item's time limit counts from.
DEFAULT_START = "When do the time limits start?"


@dataclass
class Built:
    """A checklist made from a task list, as a record tells a host about it."""

    fieldset: etree.Element
    parent: etree.Element
    local_id: str
    pin: str | None
    title: str
    items: tuple[tuple[str, bool], ...]  # each item's id, and whether it is ticked
    timed: int  # how many items have a time limit
    start: str | None  # the question that asks for the moment they count from


class ChecklistsTreeprocessor(Treeprocessor):
    """Turn each task list into a checklist, or explain why it cannot be one."""

    def __init__(self, md: Markdown, source: SourceLinesPreprocessor) -> None:
        super().__init__(md)
        self.source = source
        self.source_line_of: dict[etree.Element, tuple[str, int]] = {}
        # What this document's checklists and problems are, for the records.
        self.built: list[Built] = []
        self.notes: list[tuple[etree.Element, ProblemRecord]] = []

    def run(self, root: etree.Element) -> None:
        self.built, self.notes = [], []
        parents = {child: parent for parent in root.iter() for child in parent}
        task_items = [li for li in root.iter("li") if find_box(li)]
        self.source_line_of = dict(
            zip(task_items, self.source.task_lines(), strict=False)
        )
        lists = [element for element in root.iter() if element.tag in LISTS]
        read: set[etree.Element] = set()
        local_ids: set[str] = set()
        for list_element in lists:
            if list_element in read:
                continue  # a sub-list of a checklist item, or already seen
            problems: list[Problem] = []
            items = read_list(self.md, list_element, read, problems)
            if items is None:
                continue
            title_element = find_title_element(self.md, list_element, parents)
            title, attributes = read_title(self.md, title_element, problems, items[0])
            pin = attributes.pin
            if pin is not None and not VALID_PIN_RE.match(pin):
                problems.append(
                    mistakes.invalid_pin(pin, "checklist", items[0].element)
                )
            problems += self._empty_items(items)
            self._assign_ids(items, "", problems)
            local_id = pin or (text_id(title, UNTITLED_ID) if title else UNTITLED_ID)
            if local_id in local_ids:
                problems.append(
                    mistakes.repeated_checklist(local_id, title, items[0].element)
                )
            local_ids.add(local_id)
            timed = sum(1 for item in walk(items) if item.within)
            if attributes.start and not timed:
                problems.append(mistakes.start_without_time_limits(items[0].element))
            parent = parents[list_element]
            if problems:
                self.notes += add_problem_notes(
                    list_element, parent, problems, self.source_line_of
                )
                continue
            fieldset = etree.Element(
                "fieldset", {"class": "checklist__fieldset", "data-checklist": local_id}
            )
            if pin is not None:
                fieldset.set("data-checklist-id", pin)
            if title_element is not None:
                drop_attribute_text(title_element, pin)
            shown_title = title or self._document_title()
            legend = etree.SubElement(fieldset, "legend")
            legend.set("class", "checklist__legend")
            legend.text = tree_text(shown_title)
            build_checklist(fieldset, list_element, parent, items)
            if attributes.notes:
                html_id = f"{HTML_ID_PREFIX}{local_id}-notes"
                notes_box(fieldset, html_id, "", attributes.notes)
            self.built.append(
                Built(
                    fieldset,
                    parent,
                    local_id,
                    pin,
                    shown_title,
                    items=tuple((item.id, item.checked) for item in walk(items)),
                    timed=timed,
                    start=(attributes.start or DEFAULT_START) if timed else None,
                )
            )

    def _document_title(self) -> str:
        title = getattr(self.md, "Meta", {}).get("title")
        return " ".join(title).strip() if title else DEFAULT_TITLE

    # --- checking --------------------------------------------------------------

    def _empty_items(self, items: list[Item]) -> list[Problem]:
        every = list(walk(items))
        empty = [item for item in every if not item.text]
        if empty and len(empty) == len(every):
            return [mistakes.no_items(items[0].element)]
        return [mistakes.empty_item(item.element) for item in empty]

    def _assign_ids(self, items: list[Item], parent_id: str, problems: list) -> None:
        """Give each item its id, unique among its siblings; report pins used twice."""
        pinned: dict[str, Item] = {}
        for item in items:
            if item.pin is None:
                continue
            if not VALID_PIN_RE.match(item.pin):
                problems.append(mistakes.invalid_pin(item.pin, "item", item.element))
            elif item.pin in pinned:
                problems.append(mistakes.pinned_twice(pinned[item.pin], item))
            pinned[item.pin] = item
        # Pinned ids are taken first, so that a derived id never takes one an
        # author chose; repeats of a text get -2, -3 in the order they appear.
        taken = set(pinned)
        for item in items:
            own = item.pin
            if own is None:
                base = text_id(item.text, "item")
                own, count = base, 1
                while own in taken:
                    count += 1
                    own = f"{base}-{count}"
                taken.add(own)
            item.id = f"{parent_id}{ID_SEPARATOR}{own}" if parent_id else own
            self._assign_ids(item.children, item.id, problems)
