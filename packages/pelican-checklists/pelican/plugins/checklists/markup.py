"""Writing into the tree: a task list made a checklist, or notes on its problems.

What is written is what was read (``task_lists.py``) and checked
(``ChecklistsTreeprocessor``); the markup is shown in ``markdown_extension.py``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.util import code_escape

from .attributes import KEYS, written_attributes
from .ids import ID_SEPARATOR
from .mistakes import Problem
from .records import ProblemRecord
from .task_lists import BOX_RE, Item

HTML_ID_PREFIX = "checklist-"


def tree_text(plain: str) -> str:
    """Return ``plain`` (what a reader is to see) as the text of a tree element.

    Markdown's serializer leaves an `&` that starts an entity as it is, so
    "&amp;" would read as "&" and "&#1;" as nothing; escaped first, each `&` is
    the author's own.
    """
    return code_escape(plain)


def build_checklist(
    fieldset: etree.Element,
    list_element: etree.Element,
    parent: etree.Element,
    items: list[Item],
) -> None:
    """Put ``fieldset`` where the list is, and the list, made a checklist, in it."""
    fieldset[-1].tail = "\n"
    parent.insert(list(parent).index(list_element), fieldset)
    parent.remove(list_element)
    fieldset.tail, list_element.tail = list_element.tail, "\n"
    fieldset.append(list_element)
    html_prefix = HTML_ID_PREFIX + fieldset.get("data-checklist", "")
    _build_list(list_element, items, html_prefix)


def _build_list(
    list_element: etree.Element, items: list[Item], html_prefix: str
) -> None:
    list_element.attrib.pop("id", None)
    list_element.set("class", "checklist__items")
    for item in items:
        _build_item(item, html_prefix)


def _build_item(item: Item, html_prefix: str) -> None:
    li = item.element
    html_id = f"{html_prefix}{ID_SEPARATOR}{item.id}"
    box = BOX_RE.match(item.holder.text or "")
    text = (item.holder.text or "")[box.end() if box else 0 :]
    written = written_attributes(text, item.inline)
    if item.inline:
        last = item.inline[-1]
        last.tail = (last.tail or "")[: written.start() if written else None]
        last.tail = last.tail.rstrip()
    else:
        text = text[: written.start() if written else None].rstrip()
    tail = li.tail
    li.clear()  # also drops an id attr_list set: the checkbox has the id now
    li.tail = tail
    li.set("class", "checklist__item")
    checkbox = etree.SubElement(
        li,
        "input",
        {
            "class": "checklist__input",
            "type": "checkbox",
            "id": html_id,
            "value": item.id,
        },
    )
    if item.checked:
        checkbox.set("checked", "checked")
    label = etree.SubElement(li, "label", {"class": "checklist__label", "for": html_id})
    label.text = text.lstrip()
    label.extend(item.inline)
    if item.within:
        # In the label, so that the time limit (and the date the script adds
        # to it) is part of what a screen reader says for the checkbox.
        if len(label):
            label[-1].tail = (label[-1].tail or "") + " "
        else:
            label.text += " "
        etree.SubElement(
            label,
            "span",
            {
                "class": "checklist__due",
                "data-checklist-within": item.within.duration,
            },
        ).text = item.within.text
    sublists = {block for block, _ in item.groups}
    details = [block for block in item.blocks if block not in sublists]
    if details:
        description = etree.SubElement(
            li, "div", {"class": "checklist__details", "id": f"{html_id}-details"}
        )
        description.extend(details)
        checkbox.set("aria-describedby", f"{html_id}-details")
    if item.notes:
        notes_box(li, f"{html_id}-notes", item.id, item.notes)
    for block, group in item.groups:
        li.append(block)
        _build_list(block, group, html_prefix)


def notes_box(parent: etree.Element, html_id: str, key: str, prompt: str) -> None:
    """Add a notes box to ``parent``: the prompt is its label.

    ``key`` names the note in the reader's saved record: the item's id, or
    "" for the checklist's own box. The box shows only where the script can
    keep what is typed; on paper it is ruled lines, or the reader's notes.
    """
    box = etree.SubElement(parent, "div", {"class": "checklist__notes"})
    etree.SubElement(box, "label", {"for": html_id}).text = tree_text(prompt)
    etree.SubElement(
        box, "textarea", {"id": html_id, "rows": "3", "data-checklist-note": key}
    ).text = ""
    etree.SubElement(
        box, "div", {"class": "checklist__notes-paper", "aria-hidden": "true"}
    ).text = ""


def drop_attribute_text(element: etree.Element, pin: str | None) -> None:
    """Take the attributes off a title; its pin becomes ``id``, as in attr_list."""
    for key in KEYS:
        element.attrib.pop(key, None)
    written = written_attributes(element.text, list(element))
    if written is not None:
        if len(element):
            element[-1].tail = element[-1].tail[: written.start()]
        else:
            element.text = element.text[: written.start()]
    if pin is not None:
        element.set("id", pin)


def add_problem_notes(
    list_element: etree.Element,
    parent: etree.Element,
    problems: list[Problem],
    source_line_of: dict[etree.Element, tuple[str, int]],
) -> list[tuple[etree.Element, ProblemRecord]]:
    """Put a note before the list, left as written, for each of its problems.

    Return each note with its record.
    """
    notes = []
    position = list(parent).index(list_element)
    for offset, problem in enumerate(problems):
        note = etree.Element("div", {"class": "checklist-problem"})
        source = source_line_of.get(problem.item)
        quoted = tree_text(source[0]) if source is not None else ""
        if source is not None:
            note.set("data-checklist-source-line", quoted)
            note.set("data-checklist-source-occurrence", str(source[1]))
        message = etree.SubElement(note, "p")
        etree.SubElement(message, "strong").text = "Checklist problem: "
        etree.SubElement(
            message, "span", {"class": "checklist-problem__message"}
        ).text = problem.message
        fix = etree.SubElement(note, "p")
        fix.text = "How to fix it: "
        etree.SubElement(
            fix, "span", {"class": "checklist-problem__fix"}
        ).text = problem.fix
        if source is not None:
            etree.SubElement(etree.SubElement(note, "pre"), "code").text = quoted
        note.tail = "\n"
        parent.insert(position + offset, note)
        notes.append(
            (
                note,
                ProblemRecord(
                    problem=problem.message,
                    fix=problem.fix,
                    line=source[0] if source else None,
                    occurrence=source[1] if source else None,
                ),
            )
        )
    return notes
