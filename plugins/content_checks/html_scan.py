"""What the checks read in a post's HTML, gathered in one pass of the stdlib parser.

The checks need each element's name, attributes and text, the words of the whole
text and whether there is a heading. They never change the HTML nor walk its tree,
so a streaming parser (``html.parser``, the tokenizer BeautifulSoup's own
"html.parser" builder runs on) gives them all of it without building a tree, in
less than half the time a BeautifulSoup parse takes.

Text is gathered as BeautifulSoup's ``get_text`` gathers it: one string for each
stretch of text between two tags, without what a reader does not read as text
(comments and other declarations; scripts, styles, templates, ruby annotations).
An element's text is the text of everything inside it, up to its end tag; an end
tag closes every element opened after the one it names, and an end tag with no
open element of its name is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

# Elements that never have content or an end tag.
VOID_ELEMENTS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)
# Text inside these is code, a style, a template, or a ruby annotation.
NOT_READ = frozenset({"script", "style", "template", "rp", "rt"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass
class Element:
    """One element: its name, its attributes, and where its text is."""

    name: str
    attrs: dict[str, str]  # a valueless attribute as ""; a repeated one: the last
    first: int  # the index of its first string in HtmlScan.strings
    end: int = -1  # the index after its last string, once it is closed


@dataclass(frozen=True)
class HtmlScan:
    """Every element in document order, and the text as strings."""

    elements: list[Element]
    strings: list[str]
    has_heading: bool

    def text_of(self, element: Element) -> str:
        """Return the text inside ``element``, as ``get_text()`` would."""
        return "".join(self.strings[element.first : element.end])

    def words(self) -> list[str]:
        """Return the words of the whole text, as ``get_text(" ").split()`` would."""
        return [word for string in self.strings for word in string.split()]


def scan_html(html: str) -> HtmlScan:
    scanner = Scanner()
    scanner.feed(html)
    return scanner.scan()


class Scanner(HTMLParser):
    """Gather an HtmlScan from what the parser reads (``feed``), then ``scan()``.

    plugins/content_checks/markdown_scan.py also calls the handlers itself, with
    what the Markdown step already knows of a document.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.strings: list[str] = []
        self.has_heading = False
        self._open: list[Element] = []
        self._not_read = 0  # how many open elements hold text that is not read
        # The current stretch of text: the parser may hand it over in pieces.
        self._pieces: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._end_string()
        element = Element(
            tag, {name: value or "" for name, value in attrs}, len(self.strings)
        )
        self.elements.append(element)
        self.has_heading = self.has_heading or tag in HEADINGS
        if tag in VOID_ELEMENTS:
            element.end = element.first
        else:
            self._open.append(element)
            self._not_read += tag in NOT_READ

    def handle_endtag(self, tag: str) -> None:
        self._end_string()
        for depth in range(len(self._open) - 1, -1, -1):
            if self._open[depth].name == tag:
                self._close(depth)
                return

    def handle_data(self, data: str) -> None:
        if not self._not_read:
            self._pieces.append(data)

    # A comment, a declaration or a processing instruction ends a stretch of text
    # and is no part of it.
    def handle_comment(self, data: str) -> None:
        self._end_string()

    def handle_decl(self, decl: str) -> None:
        self._end_string()

    def handle_pi(self, data: str) -> None:
        self._end_string()

    def unknown_decl(self, data: str) -> None:
        self._end_string()

    def scan(self) -> HtmlScan:
        """Return what was read; the end of the HTML closes every open element."""
        self.close()
        self._end_string()
        self._close(0)
        return HtmlScan(self.elements, self.strings, self.has_heading)

    def _end_string(self) -> None:
        if self._pieces:
            self.strings.append("".join(self._pieces))
            self._pieces = []

    def _close(self, depth: int) -> None:
        """Close the open element at ``depth`` and every element inside it."""
        for element in self._open[depth:]:
            element.end = len(self.strings)
            self._not_read -= element.name in NOT_READ
        del self._open[depth:]
