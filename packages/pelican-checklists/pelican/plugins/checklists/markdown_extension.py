"""Markdown task lists as accessible checklists: a Python-Markdown extension.

A task list (``- [ ] item``, ``- [x] item``; ``*``, ``+`` and numbered lists too)
becomes a ``<fieldset>`` of native checkboxes, each with a ``<label>`` that holds
the item's text, inline Markdown included, so the item is the checkbox's
accessible name::

    <fieldset class="checklist__fieldset" data-checklist="research">
      <legend class="checklist__legend">Research</legend>
      <ul class="checklist__items">
        <li class="checklist__item">
          <input class="checklist__input" type="checkbox"
                 id="checklist-research--read-their-profile"
                 value="read-their-profile">
          <label class="checklist__label"
                 for="checklist-research--read-their-profile">Read their profile</label>
        </li>
      </ul>
    </fieldset>

- ``[x]`` items are ``checked``: ticked for a reader who has not touched the list.
- A task list nested in an item is a group of sub-items of that item; any other
  block in an item (a second paragraph, a plain list) is its description, tied to
  the checkbox with ``aria-describedby``.
- The title (the ``<legend>``) is the heading right before the list, or the lead-in
  paragraph right before it when that ends with a colon; otherwise the document's
  ``Title`` metadata; otherwise "Checklist". The legend is a copy: the heading or
  lead-in stays where the author wrote it.
- Item ids are the item's text as a slug, ``-2``, ``-3`` for repeats among
  siblings; a sub-item's id starts with its parent's (``parent--child``). An author
  pins an id with ``{: #my-id }`` at the end of the item, or on the line below it
  (attr_list's form). The same at the end of the title pins the checklist's id,
  which then becomes ``data-checklist-id``; ``data-checklist`` is the id inside the
  document (the pin, or the title as a slug), which prefixes the HTML ids so that
  two checklists on a page never share one.
- The same attribute list takes ``notes="a prompt"`` (on an item or the title: a
  ``<textarea>`` labelled by the prompt, ``data-checklist-note`` naming the note
  by the item's id, or "" for the checklist's own box after its items),
  ``within="24 hours"`` (on an item: a ``<span class="checklist__due">`` in its
  label, ``data-checklist-within`` an ISO 8601 duration) and ``start="a
  question"`` (on the title: the question that asks when the limits start).

A list this extension cannot turn into a checklist (an item with no text, two
items pinned to one id, items with and without boxes mixed, two checklists with
one id, an attribute list it cannot read or use) is left as it was written, with
a ``<div class="checklist-problem">`` before it that says what is wrong and how
to fix it, and quotes the Markdown line (``data-checklist-source-line``, and which
of the identical lines it is in ``data-checklist-source-occurrence``) so that the
host can report the line number of the file the text came from.

This module imports nothing from Pelican: it is an ordinary extension,
``markdown.Markdown(extensions=[ChecklistsExtension()])``.

With ``ChecklistsExtension(records=True)`` it also records each checklist and
problem in the HTML, for a host that finishes the checklists (the Pelican part):
``records.py`` says what a record holds and reads them.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE, HTML_PLACEHOLDER_RE, code_escape

from . import mistakes
from .ids import ID_SEPARATOR, text_id
from .mistakes import Problem
from .recording import LISTS, RecordsPostprocessor, RecordsTreeprocessor
from .records import ProblemRecord

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
HTML_ID_PREFIX = "checklist-"
UNTITLED_ID = "checklist"
DEFAULT_TITLE = "Checklist"
# The question that asks for the moment an item's time limit counts from.
DEFAULT_START = "When do the time limits start?"


class SourceLinesPreprocessor(Preprocessor):
    """Keep the lines of the Markdown text as written, to quote them in problems."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.lines: list[str] = []

    def run(self, lines: list[str]) -> list[str]:
        # Split where Markdown will: `normalize_whitespace` reads a Windows line end
        # ("\r\n") or an old Mac one ("\r") as a line feed. Else an empty item's
        # line ("- [ ]\r") would go unrecognised, and the problems of the items
        # from there on would quote the wrong lines.
        text = "\n".join(lines).replace("\r\n", "\n").replace("\r", "\n")
        self.lines = text.split("\n")
        return lines


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

    # The box that starts a task item, followed by a space or the end of the text.
    BOX_RE = re.compile(r"^\[([ xX])\](?:[ \t]+|$)")
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
    # A line of Markdown that starts a task item, also inside a block quote.
    TASK_LINE_RE = re.compile(
        r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[[ xX]\](?:[ \t]|$)"
    )
    FENCE_RE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
    # Markdown keeps a backslash escape (`\*`) as STX + code point + ETX until its
    # last tree processor, which runs after this one.
    ESCAPED_RE = re.compile("\x02([0-9]+)\x03")
    TAG_RE = re.compile(r"<[^>]*>")

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
        task_items = [li for li in root.iter("li") if self._box(li)]
        self.source_line_of = dict(zip(task_items, self._task_lines(), strict=False))
        lists = [element for element in root.iter() if element.tag in LISTS]
        read: set[etree.Element] = set()
        local_ids: set[str] = set()
        for list_element in lists:
            if list_element in read:
                continue  # a sub-list of a checklist item, or already seen
            problems: list[Problem] = []
            items = self._read_list(list_element, read, problems)
            if items is None:
                continue
            title_element = self._title_element(list_element, parents)
            title, attributes = self._title(title_element, problems, items[0])
            pin = attributes.pin
            if pin is not None and not self.VALID_PIN_RE.match(pin):
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
            timed = sum(1 for item in self._walk(items) if item.within)
            if attributes.start and not timed:
                problems.append(mistakes.start_without_time_limits(items[0].element))
            parent = parents[list_element]
            if problems:
                self._explain(list_element, parent, problems)
                continue
            fieldset = etree.Element(
                "fieldset", {"class": "checklist__fieldset", "data-checklist": local_id}
            )
            if pin is not None:
                fieldset.set("data-checklist-id", pin)
            if title_element is not None:
                self._drop_attribute_text(title_element, pin)
            legend = etree.SubElement(fieldset, "legend")
            legend.set("class", "checklist__legend")
            legend.text = title or self._document_title()
            self._build(fieldset, list_element, parent, items)
            if attributes.notes:
                html_id = f"{HTML_ID_PREFIX}{local_id}-notes"
                self._notes_box(fieldset, html_id, "", attributes.notes)
            self.built.append(
                Built(
                    fieldset,
                    parent,
                    local_id,
                    pin,
                    legend.text,
                    items=tuple((item.id, item.checked) for item in self._walk(items)),
                    timed=timed,
                    start=(attributes.start or DEFAULT_START) if timed else None,
                )
            )

    # --- reading ---------------------------------------------------------------

    def _box(self, li: etree.Element) -> tuple[etree.Element, re.Match] | None:
        """Return the element holding a task item's box, and the box."""
        holder = li
        if not (li.text or "").strip() and len(li) and li[0].tag == "p":
            holder = li[0]  # an item of a loose list: its text is in a paragraph
        match = self.BOX_RE.match(holder.text or "")
        return (holder, match) if match else None

    def _read_list(
        self, list_element: etree.Element, read: set, problems: list[Problem]
    ) -> list[Item] | None:
        """Return the items of a task list; None for a plain list (no boxes)."""
        read.add(list_element)
        elements = [child for child in list_element if child.tag == "li"]
        found = [(li, self._box(li)) for li in elements]
        boxed = [li for li, box in found if box]
        if not boxed:
            return None
        problems += [
            mistakes.unboxed_item(self._plain_text("".join(li.itertext())), boxed[0])
            for li, box in found
            if not box
        ]
        return [self._read_item(li, read, problems) for li in boxed]

    def _read_item(self, li: etree.Element, read: set, problems: list) -> Item:
        holder, box = self._box(li)  # type: ignore[misc] - a task item has a box
        if holder is li:
            inline = []
            for child in li:
                if self.md.is_block_level(child.tag):
                    break
                inline.append(child)
            blocks = list(li)[len(inline) :]
        else:
            inline, blocks = list(holder), list(li)[1:]
        first_text = (holder.text or "")[box.end() :]
        label = first_text + "".join(
            "".join(node.itertext()) + (node.tail or "") for node in inline
        )
        written = self._written_attrs(first_text, inline)
        if written:
            label = label[: len(label) - len(written[0])]
        # attr_list's form, `{: ... }` on the line below the item, sets the
        # attributes on the item itself; the item is rebuilt, so each must be ours.
        attributes, wrong = self._attributes(
            {**li.attrib, **holder.attrib},
            self._own_text(first_text, inline),
            label,
            self.ITEM_KEYS,
            li,
        )
        problems += wrong
        item = Item(
            element=li,
            holder=holder,
            checked=box[1] != " ",
            pin=attributes.pin,
            text=self._plain_text(label),
            notes=attributes.notes,
            within=attributes.within,
            inline=inline,
            blocks=blocks,
        )
        for block in blocks:
            if block.tag in LISTS:
                group = self._read_list(block, read, problems)
                if group is not None:
                    item.groups.append((block, group))
        return item

    def _plain_text(self, text: str) -> str:
        """Return what a reader sees of ``text``: no markup, entities decoded."""

        def stashed(match: re.Match) -> str:
            raw = self.md.htmlStash.rawHtmlBlocks[int(match[1])]
            return self.TAG_RE.sub("", raw) if isinstance(raw, str) else ""

        text = HTML_PLACEHOLDER_RE.sub(stashed, text).replace(AMP_SUBSTITUTE, "&")
        text = self.ESCAPED_RE.sub(lambda match: chr(int(match[1])), text)
        return " ".join(html.unescape(text).split())

    def _title_element(
        self, list_element: etree.Element, parents: dict
    ) -> etree.Element | None:
        """Return the heading, or the lead-in ending with a colon, right before."""
        siblings = list(parents[list_element])
        position = siblings.index(list_element)
        before = siblings[position - 1] if position else None
        if before is None or before.tag not in HEADINGS | {"p"}:
            return None
        if before.tag == "p" and not self._title_text(before).endswith(":"):
            return None
        return before

    def _own_text(self, text: str | None, children: list) -> str:
        """Return the end of an element's own text: after its last inline child.

        Attributes are read only there, never inside a child: `{#x}` in a code
        span is code, not a pin.
        """
        return (children[-1].tail if children else text) or ""

    def _written_attrs(self, text: str | None, children: list) -> re.Match | None:
        """Return an attribute list written at the very end of an element's text."""
        return self.ATTRS_RE.search(self._own_text(text, children))

    def _attributes(
        self,
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
        written = self.ATTRS_RE.search(own_text)
        words = self.ATTR_RE.findall(written[1]) if written else []
        # A word with no `=` is an unquoted value's second word, unless it is an
        # id (`#x`) or a class (`.x`).
        if any(not equals and name[0] not in "#." for name, equals, *_ in words) or (
            not written
            and (
                self.ATTRS_LIKE_RE.search(own_text)
                or self.COLON_ATTRS_RE.search(self._plain_text(text))
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
            value = self._plain_text(raw)
            if name not in keys:
                problems.append(
                    mistakes.unknown_attribute(
                        name, keys, element, on_item=keys == self.ITEM_KEYS
                    )
                )
            elif not value:
                problems.append(mistakes.empty_attribute(name, element))
            elif name == "within":
                attributes.within = self._time_limit(value)
                if attributes.within is None:
                    problems.append(mistakes.unreadable_time_limit(value, element))
            else:
                setattr(attributes, name, value)
        return attributes, problems

    def _time_limit(self, text: str) -> TimeLimit | None:
        match = self.WITHIN_RE.match(text.strip())
        if match is None or int(match[1]) == 0:
            return None
        count, unit = int(match[1]), match[2].lower()
        plural = "" if count == 1 else "s"
        return TimeLimit(
            self.DURATIONS[unit].format(count), f"within {count} {unit}{plural}"
        )

    def _title_text(self, element: etree.Element) -> str:
        """Return the element's plain text without attributes written at its end."""
        text = "".join(element.itertext())
        written = self._written_attrs(element.text, list(element))
        return self._plain_text(
            text[: len(text) - len(written[0])] if written else text
        )

    def _title(
        self, element: etree.Element | None, problems: list[Problem], first: Item
    ) -> tuple[str, Attributes]:
        """Return the checklist's title and what its attribute list sets."""
        if element is None:
            return "", Attributes()
        # On a heading, attr_list has set what was written: only ours are read,
        # the rest (a class, say) stays the heading's own.
        found = {key: element.get(key) for key in ("id", *self.KEYS)}
        found = {key: value for key, value in found.items() if value is not None}
        title = self._title_text(element)
        own_text = self._own_text(element.text, list(element))
        attributes, wrong = self._attributes(
            found, own_text, title, self.TITLE_KEYS, first.element
        )
        problems += wrong
        return title.rstrip(":").strip(), attributes

    def _drop_attribute_text(self, element: etree.Element, pin: str | None) -> None:
        """Take the attributes off a title; its pin becomes ``id``, as in attr_list."""
        for key in self.KEYS:
            element.attrib.pop(key, None)
        written = self._written_attrs(element.text, list(element))
        if written is not None:
            if len(element):
                element[-1].tail = element[-1].tail[: written.start()]
            else:
                element.text = element.text[: written.start()]
        if pin is not None:
            element.set("id", pin)

    def _document_title(self) -> str:
        title = getattr(self.md, "Meta", {}).get("title")
        return " ".join(title).strip() if title else DEFAULT_TITLE

    # --- checking --------------------------------------------------------------

    def _walk(self, items: list[Item]) -> Iterator[Item]:
        for item in items:
            yield item
            yield from self._walk(item.children)

    def _empty_items(self, items: list[Item]) -> list[Problem]:
        every = list(self._walk(items))
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
            if not self.VALID_PIN_RE.match(item.pin):
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

    # --- writing ---------------------------------------------------------------

    def _build(
        self,
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
        self._build_list(list_element, items, html_prefix)

    def _build_list(
        self, list_element: etree.Element, items: list[Item], html_prefix: str
    ) -> None:
        list_element.attrib.pop("id", None)
        list_element.set("class", "checklist__items")
        for item in items:
            self._build_item(item, html_prefix)

    def _build_item(self, item: Item, html_prefix: str) -> None:
        li = item.element
        html_id = f"{html_prefix}{ID_SEPARATOR}{item.id}"
        box = self.BOX_RE.match(item.holder.text or "")
        text = (item.holder.text or "")[box.end() if box else 0 :]
        written = self._written_attrs(text, item.inline)
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
        label = etree.SubElement(
            li, "label", {"class": "checklist__label", "for": html_id}
        )
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
            self._notes_box(li, f"{html_id}-notes", item.id, item.notes)
        for block, group in item.groups:
            li.append(block)
            self._build_list(block, group, html_prefix)

    def _notes_box(
        self, parent: etree.Element, html_id: str, key: str, prompt: str
    ) -> None:
        """Add a notes box to ``parent``: the prompt is its label.

        ``key`` names the note in the reader's saved record: the item's id, or
        "" for the checklist's own box. The box shows only where the script can
        keep what is typed; on paper it is ruled lines, or the reader's notes.
        """
        box = etree.SubElement(parent, "div", {"class": "checklist__notes"})
        etree.SubElement(box, "label", {"for": html_id}).text = prompt
        etree.SubElement(
            box, "textarea", {"id": html_id, "rows": "3", "data-checklist-note": key}
        ).text = ""
        etree.SubElement(
            box, "div", {"class": "checklist__notes-paper", "aria-hidden": "true"}
        ).text = ""

    def _explain(
        self, list_element: etree.Element, parent: etree.Element, problems: list
    ) -> None:
        """Put a note before the list, left as written, for each of its problems."""
        position = list(parent).index(list_element)
        for offset, problem in enumerate(problems):
            note = etree.Element("div", {"class": "checklist-problem"})
            source = self.source_line_of.get(problem.item)
            # The line as written: Markdown's serializer leaves an `&` that starts
            # an entity as it is, so "&amp;" would read as "&" and "&#1;" as
            # nothing; escaped first, each `&` is the author's own.
            quoted = code_escape(source[0]) if source is not None else ""
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
            self.notes.append(
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

    # --- the source ------------------------------------------------------------

    def _task_lines(self) -> list[tuple[str, int]]:
        """Return each task item's Markdown line, in order, with its occurrence.

        The occurrence counts the identical lines up to this one (1 for the
        first), so that a line written twice can still be found in a file.
        """
        found: list[tuple[str, int]] = []
        seen: dict[str, int] = {}
        fence = None
        for line in self.source.lines:
            marker = self.FENCE_RE.match(line)
            if marker and (fence is None or marker[1].startswith(fence)):
                fence = None if fence else marker[1][0] * 3
                continue
            if fence is None and self.TASK_LINE_RE.match(line):
                text = line.rstrip()
                seen[text] = seen.get(text, 0) + 1
                found.append((text, seen[text]))
        return found


class ChecklistsExtension(Extension):
    """Register the checklist processors."""

    def __init__(self, **kwargs) -> None:
        self.config = {
            "records": [
                False,
                "Record each checklist and problem in a comment, for a host that "
                "finishes the checklists and removes the comments.",
            ]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        source = SourceLinesPreprocessor(md)
        # 35: before `normalize_whitespace` (30) expands tabs and before `meta` (27)
        # and `fenced_code_block` (25) take lines out, so the lines are as written.
        md.preprocessors.register(source, "checklists_source", 35)
        checklists = ChecklistsTreeprocessor(md, source)
        # 7: after `inline` (20), so item text is parsed (bold, links, code), and
        # after `attr_list` (8), which sets the ids an author pins on the line
        # below an item or at the end of a heading; before `toc` (5), so that any
        # id on a heading is one the author wrote, not one `toc` made up.
        md.treeprocessors.register(checklists, "checklists", 7)
        if self.getConfig("records"):
            # 1: after `toc` (5), so that the plain lists copy headings in items'
            # descriptions with the ids `toc` gave them, and `toc` never sees the
            # copies.
            md.treeprocessors.register(
                RecordsTreeprocessor(md, checklists), "checklists_records", 1
            )
            # 5: after `raw_html` (30), `footnote` (25) and `amp_substitute` (20),
            # so that the records hold the finished markup.
            md.postprocessors.register(
                RecordsPostprocessor(md, checklists), "checklists_records", 5
            )
        md.registerExtension(self)


def makeExtension(**kwargs) -> ChecklistsExtension:  # noqa: N802 - Markdown's API
    return ChecklistsExtension(**kwargs)
