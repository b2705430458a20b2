"""What can be wrong with a task list that would be a checklist, and the fix.

Each function returns the ``Problem`` the Markdown step shows on the page (in a
note before the list, left as written) and records for the host, which reports
it with the file and line of the Markdown line it quotes.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .ids import slugify

if TYPE_CHECKING:
    from .task_lists import Item


@dataclass
class Problem:
    message: str  # what is wrong
    fix: str  # how to put it right
    item: etree.Element  # the <li> whose Markdown line is quoted


def no_items(first: etree.Element) -> Problem:
    return Problem(
        "This checklist has no items: every box is followed by nothing.",
        "write each task after its box, as in “- [ ] Send a thank-you note”, or "
        "delete the list.",
        first,
    )


def empty_item(item: etree.Element) -> Problem:
    return Problem(
        "A checklist item has nothing after its box, so readers would see a "
        "checkbox without a name.",
        "write the task after the box, or delete the line.",
        item,
    )


def unknown_attribute(
    name: str, keys: tuple[str, ...], element: etree.Element, on_item: bool
) -> Problem:
    where = "A checklist item" if on_item else "A checklist's title"
    return Problem(
        f"{where} cannot take “{name}” in its {{: … }} list.",
        f"keep to {_usable(keys)}, or remove “{name}”.",
        element,
    )


def _usable(keys: tuple[str, ...]) -> str:
    examples = {
        "notes": 'notes="What surprised you?" for a notes box',
        "within": 'within="24 hours" for a time limit',
        "start": 'start="When was your interview?" for the moment the time '
        "limits count from",
    }
    return ", ".join(["#an-id to pin its id", *(examples[key] for key in keys)])


def empty_attribute(name: str, element: etree.Element) -> Problem:
    example = {
        "notes": 'notes="What surprised you?"',
        "within": 'within="24 hours"',
        "start": 'start="When was your interview?"',
    }.get(name, f'{name}="…"')
    return Problem(
        f"“{name}” needs a value in quotes, and has none.",
        f"write it like {example}, or remove it.",
        element,
    )


def unreadable_attributes(element: etree.Element, keys: tuple[str, ...]) -> Problem:
    return Problem(
        "The {: … } list at the end of this line could not be read, so it would "
        "show as text.",
        "write each value in straight double quotes, with no Markdown inside, "
        f'and blanks between the parts, like {{: #an-id notes="What surprised '
        f'you?" }} ({_usable(keys)}).',
        element,
    )


def unreadable_time_limit(value: str, element: etree.Element) -> Problem:
    return Problem(
        f"The time limit “{value}” is not one the checklist can count.",
        'write a whole number and a unit: within="30 minutes", "24 hours", '
        '"2 days" or "1 week".',
        element,
    )


def start_without_time_limits(element: etree.Element) -> Problem:
    return Problem(
        "This checklist asks when its time limits start (start=…), but none of "
        "its items has a time limit.",
        'give an item a time limit, like {: within="24 hours" }, or remove start.',
        element,
    )


def pinned_twice(first: Item, second: Item) -> Problem:
    return Problem(
        f"Two items are pinned to the id “{second.pin}”: “{first.text}” and "
        f"“{second.text}”. Readers' ticks are saved by id, so a tick on one would "
        "show on both.",
        "give each item an id of its own, or remove one of the {: #…} pins.",
        second.element,
    )


def invalid_pin(pin: str, what: str, element: etree.Element) -> Problem:
    example = slugify(pin) or f"my-{what}"
    return Problem(
        f"The {what} id “{pin}” cannot be used: an id is words of letters or "
        "digits joined by single hyphens.",
        f"write it like {{: #{example} }}.",
        element,
    )


def unboxed_item(text: str, first_boxed: etree.Element) -> Problem:
    """Return the problem of a list whose item ``text`` has no box, unlike others."""
    text = text or "(an empty item)"
    shown = text if len(text) <= 60 else text[:57] + "…"
    return Problem(
        f"This list mixes items with a box and items without one (“{shown}” has "
        "none), so it is not clear whether it is a checklist.",
        "start every item with a box, “- [ ] ” (or “- [x] ” for one already "
        "done), or remove the boxes to keep a plain list. A box is written “[ ]”, "
        "with a space inside.",
        first_boxed,
    )


def repeated_checklist(local_id: str, title: str, first: etree.Element) -> Problem:
    named = f"the title “{title}”" if title else "no title"
    return Problem(
        f"Two checklists in this document have {named}, so both would have the "
        f"id “{local_id}” and share readers' ticks.",
        "put a heading, or a lead-in line ending with a colon, of its own right "
        "before this checklist, or pin its id by ending that line with "
        "{: #a-name-of-its-own }.",
        first,
    )
