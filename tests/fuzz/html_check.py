"""What the fuzz tests require of any HTML the site writes: it parses, as written.

Python's HTML parser forgives everything, so this one keeps the stack of open
elements and says what is wrong: an end tag that closes nothing open, or another
element than the one open; an element left open; an id used twice; a control
character. Every end tag Python-Markdown and the templates leave out (of ``li``,
``p`` and the like) is written by them anyway, so none is optional here.
"""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from bs4 import BeautifulSoup

from plugins.content_checks.control_characters import CONTROL_RE

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
    | {"source", "track", "wbr"}
)


class _Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.ids: Counter[str] = Counter()
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name == "id":
                self.ids[value or ""] += 1
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.errors.append(f"</{tag}>: {tag} has no end tag")
        elif not self.open:
            self.errors.append(f"</{tag}> closes nothing")
        elif self.open[-1] != tag:
            self.errors.append(f"</{tag}> where <{self.open[-1]}> is open")
        else:
            self.open.pop()


def html_errors(html: str) -> list[str]:
    """Return what is wrong with ``html`` (a fragment or a page); [] if nothing."""
    parser = _Nesting()
    parser.feed(html)
    parser.close()
    errors = parser.errors + [f"<{tag}> is never closed" for tag in parser.open]
    errors += [
        f'id "{id_}" is used {n} times' for id_, n in parser.ids.items() if n > 1
    ]
    errors += [f"control character {c!r}" for c in CONTROL_RE.findall(html)]
    return errors


def unlabelled_checkboxes(page: BeautifulSoup) -> list[str]:
    """Return the ids of the checkboxes that have no one label with text."""
    wrong = []
    for box in page.select('input[type="checkbox"]'):
        labels = page.find_all("label", attrs={"for": box.get("id")})
        if not box.get("id") or len(labels) != 1 or not labels[0].get_text().strip():
            wrong.append(box.get("id", "(no id)"))
    return wrong
