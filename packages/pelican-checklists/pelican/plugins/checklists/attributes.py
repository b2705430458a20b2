"""Attribute lists on an item or a title (`{: #id notes="..." }`): read and checked.

An author pins an id (``#id``) and sets ``notes``, ``within`` (an item's time
limit) and ``start`` (the title's question for when the limits start) at the
end of the text, or on the line below it, where attr_list reads them.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

from markdown import Markdown

from . import mistakes
from .mistakes import Problem
from .plain_text import plain_text

# An attribute list at the very end of an item's or a title's text, as
# attr_list writes one: `{: #id notes="What surprised you?" within="1 day" }`
# (or `{#id}`). Words are separated by blanks, so that no text can be split
# into words in more than one way (no backtracking blow-up).
ATTRS_RE = re.compile(
    r"[ \t]*\{:?[ \t]*"
    r"([^\s{}=\"']+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s{}\"']+))?"
    r"(?:[ \t]+[^\s{}=\"']+(?:=(?:\"[^\"]*\"|'[^']*'|[^\s{}\"']+))?)*)"
    r"[ \t]*\}[ \t]*$"
)
# One word of it: a name, then `=` and its value (in quotes, or not).
ATTR_RE = re.compile(r"([^\s=]+)(=(?:\"([^\"]*)\"|'([^']*)'|(\S+)))?")
# What an author meant as an attribute list, read or not: at the end of the
# element's own text `{:`, `{#`, `{.` or `{word=` up to a `}`; or `{:` (never
# anything but attr_list's) up to a `}` that ends the text, Markdown inside.
ATTRS_LIKE_RE = re.compile(r"\{(?::|[ \t]*[#.]|[ \t]*[\w-]+=)[^{}]*\}[ \t]*$")
COLON_ATTRS_RE = re.compile(r"\{:[^{}]*\}[ \t]*$")
# "24 hours", "1 day", "2 weeks", "30 minutes": the time limit of an item.
WITHIN_RE = re.compile(
    r"^(?:within[ \t]+)?(\d{1,4})[ \t]*(minute|hour|day|week)s?$", re.IGNORECASE
)
DURATIONS = {"minute": "PT{}M", "hour": "PT{}H", "day": "P{}D", "week": "P{}W"}
# What each place takes in its attribute list, besides `#id`.
ITEM_KEYS = ("notes", "within")
TITLE_KEYS = ("notes", "start")
KEYS = ("notes", "within", "start")
# A pinned id is words of letters or digits (any script) joined by single
# hyphens, like a slug: `--` is kept for joining a sub-item's id to its parent's.
VALID_PIN_RE = re.compile(r"^[^\W_]+(?:-[^\W_]+)*$")


@dataclass(frozen=True)
class TimeLimit:
    """An item's time limit: "within 24 hours"."""

    duration: str  # ISO 8601: PT30M, PT24H, P2D, P1W
    text: str  # as readers see it: "within 24 hours"


@dataclass
class Attributes:
    """What an author wrote in `{: ... }` after an item or a title, checked."""

    pin: str | None = None
    notes: str | None = None
    within: TimeLimit | None = None
    start: str | None = None


def own_text_end(text: str | None, children: list) -> str:
    """Return the end of an element's own text: after its last inline child.

    Attributes are read only there, never inside a child: `{#x}` in a code
    span is code, not a pin.
    """
    return (children[-1].tail if children else text) or ""


def written_attributes(text: str | None, children: list) -> re.Match | None:
    """Return an attribute list written at the very end of an element's text."""
    return ATTRS_RE.search(own_text_end(text, children))


# Six: the five things an attribute list is read against, and `md`, which holds
# the HTML its text stashed.
def read_attributes(  # noqa: PLR0913, PLR0917
    md: Markdown,
    found: dict[str, str],
    own_text: str,
    text: str,
    keys: tuple[str, ...],
    element: etree.Element,
) -> tuple[Attributes, list[Problem]]:
    """Return the attributes of an item or a title, and what is wrong in them.

    ``found`` are those attr_list set from the line below; a list written
    at the end of the element's own text is left to us by attr_list.
    """
    found, problems = dict(found), []
    written = ATTRS_RE.search(own_text)
    words = ATTR_RE.findall(written[1]) if written else []
    # A word with no `=` is an unquoted value's second word, unless it is an
    # id (`#x`) or a class (`.x`).
    if any(not equals and name[0] not in "#." for name, equals, *_ in words) or (
        not written
        and (
            ATTRS_LIKE_RE.search(own_text)
            or COLON_ATTRS_RE.search(plain_text(md, text))
        )
    ):
        problems.append(mistakes.unreadable_attributes(element, keys))
        words = []
    for word, _, *values in words:
        if word[0] in "#.":
            found["id" if word[0] == "#" else "class"] = word[1:]
        else:
            found[word] = "".join(values)  # the one of them that matched
    attributes = Attributes(pin=found.pop("id", None))
    for name, raw in found.items():
        value = plain_text(md, raw)
        if name not in keys:
            problems.append(
                mistakes.unknown_attribute(
                    name, keys, element, on_item=keys == ITEM_KEYS
                )
            )
        elif not value:
            problems.append(mistakes.empty_attribute(name, element))
        elif name == "within":
            attributes.within = time_limit(value)
            if attributes.within is None:
                problems.append(mistakes.unreadable_time_limit(value, element))
        else:
            setattr(attributes, name, value)
    return attributes, problems


def time_limit(text: str) -> TimeLimit | None:
    match = WITHIN_RE.match(text.strip())
    if match is None or int(match[1]) == 0:
        return None
    count, unit = int(match[1]), match[2].lower()
    plural = "" if count == 1 else "s"
    return TimeLimit(DURATIONS[unit].format(count), f"within {count} {unit}{plural}")
