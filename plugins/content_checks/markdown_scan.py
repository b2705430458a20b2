"""What the content checks read in a post, recorded by the Markdown step that wrote it.

The checks read a post's HTML and its summary's as an ``HtmlScan`` (html_scan.py):
each element with its attributes and text, the words, the headings. Parsing every
finished page again at the end of the build tokenizes it a second time, in Python,
while the Markdown step held the same document as a tree. So the last
treeprocessor to see that tree whole (``ScanRecorder``) records the calls that a
parser of the HTML Markdown writes from it would make to ``Scanner``, and the
checks replay them (``finished_scans``): the same HtmlScan, without a parse.

What is not in the tree is scanned as HTML, in its place, by the same Scanner:

- a top-level block that holds one of Markdown's placeholders (raw HTML the author
  wrote, which Markdown keeps aside in its ``htmlStash``; an entity; a footnote's
  back link), written and postprocessed as Markdown writes and postprocesses it;
- each checklist's component, which the checklists plugin puts around the list
  after the Markdown step (progress, buttons, the printable page's link).

Pelican resolves ``{filename}`` and ``{static}`` addresses in the finished HTML
(``Content._update_content``); ``Links`` takes each one from the finished HTML.
Whatever the replay cannot reproduce exactly (a checklist inside another, a post
read from Pelican's content cache, a post ``make serve`` renders alone) is
scanned from its finished HTML, as before.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.serializers import (
    BOOLEAN_ATTRIBUTES,
    HTML_EMPTY,
    _escape_cdata,
    to_html_string,
)
from markdown.treeprocessors import Treeprocessor
from markdown.util import STX
from pelican.contents import Content
from pelican.utils import get_relative_path, path_to_url

from .findings import findings
from .html_scan import HtmlScan, Scanner, scan_html

# What a recording holds: the Scanner's calls, and where the finished HTML has
# something the tree had not.
START, END, TEXT, BREAK, HTML, CHECKLIST, CHECKLIST_END = range(7)
Event = tuple
# How the checklists plugin's Markdown step marks a checklist's list (its
# recording.py finds it the same way): the plugin later wraps it in a component.
CHECKLIST_CLASS = "checklist__fieldset"
BOOLEAN = BOOLEAN_ATTRIBUTES["html"]
# The attribute an address is in, at the end of the `markup` that Pelican's
# link pattern matches before it: `<a class="x" href=`.
ATTRIBUTE_NAME_RE = re.compile(r"([^\s\"'=<>/]+)\s*=\s*$")
# Each converted document's recording, by the HTML Markdown wrote from it, until
# the post or page it belongs to is made (``take_recordings``). By the HTML: the
# YAML reader converts the summary before the body, Pelican's own after it, and
# one HTML is one scan whichever document it came from. A module's, not the
# extension's: the YAML reader converts with a deep copy of the extensions.
RECORDED: dict[str, list[Event] | None] = {}


class WholeScans:
    """Scans of whole finished HTML, kept from one build for the next.

    ``make serve`` (plugins/live_preview) builds again in the same process at
    every save, and reads most posts from Pelican's content cache, so with no
    recording: their HTML, unchanged, was scanned whole at every build (1.2 s of
    a 9 s rebuild on 1,000 posts, at its end, where a save waits). A scan is a
    function of the HTML alone; those of the last build are reused. A single
    build (``make html``) scans whole only what it cannot replay, a few posts.
    """

    def __init__(self) -> None:
        self.last: dict[str, HtmlScan] = {}
        self.now: dict[str, HtmlScan] = {}

    def scan(self, html: str) -> HtmlScan:
        scan = self.now.get(html) or self.last.get(html) or scan_html(html)
        if findings.started:  # not the preview's fast path, between two builds
            self.now[html] = scan
        return scan

    def build_ended(self) -> None:
        """Keep this build's scans for the next, and only them."""
        self.last, self.now = self.now, {}


whole_scans = WholeScans()


class NotReplayableError(Exception):
    """The finished HTML is not what the recording would replay."""


class _PlaceholderError(Exception):
    """A text holds a placeholder that only Markdown's postprocessors fill in."""


class ScanRecorder(Treeprocessor):
    """Record the Scanner's calls for the HTML Markdown writes from the tree."""

    def __init__(self, md: Markdown, intrasite: re.Pattern) -> None:
        super().__init__(md)
        self.intrasite = intrasite
        self.finisher: Postprocessor | None = None
        self.recording: list[Event] | None = None
        self.recorded = False

    def run(self, root: etree.Element) -> None:
        self.recorded = True
        self.recording = None
        if self.md.serializer is not to_html_string:
            return  # XHTML: the checks scan the finished HTML
        with contextlib.suppress(NotReplayableError):
            self.recording = self._document(root)

    def _document(self, root: etree.Element) -> list[Event]:
        events: list[Event] = []
        # Markdown writes the root's children, stripped of white space at both ends.
        if root.text and root.text.strip():
            raise NotReplayableError
        for block in root:
            mark = len(events)
            try:
                self._element(block, events, in_checklist=False)
                self._text(block.tail, events)
            except _PlaceholderError:
                del events[mark:]
                if any(_is_checklist(element) for element in block.iter()):
                    raise NotReplayableError from None
                events.append((HTML, self._written(block)))
        for index in (0, -1):
            while events and events[index][0] in (TEXT, HTML):
                kind, text = events[index]
                text = text.lstrip() if index == 0 else text.rstrip()
                if text:
                    events[index] = (kind, text)
                    break
                del events[index]
        return events

    def _element(
        self, element: etree.Element, events: list[Event], in_checklist: bool
    ) -> None:
        """Record ``element`` as Markdown's serializer writes it (markdown 3.x)."""
        tag = element.tag
        if tag is etree.Comment or tag is etree.ProcessingInstruction:
            events.append((BREAK,))
            return
        if tag is None:
            self._text(element.text, events)
            for child in element:
                self._element(child, events, in_checklist)
                self._text(child.tail, events)
            return
        checklist = _is_checklist(element)
        if checklist:
            if in_checklist:
                raise NotReplayableError
            events.append((CHECKLIST,))
        name = tag.lower()
        attrs = []
        link = False
        # The serializer writes attributes sorted; the parser reads a boolean
        # one (`checked`) and a bare one as None.
        for key, value in sorted(element.items()):
            if value is None or (key == value and key in BOOLEAN):
                attrs.append((key.lower(), None))
                continue
            if STX in value:
                raise _PlaceholderError
            link = link or bool(self.intrasite.match(value))
            attrs.append((key.lower(), _as_parsed(value)))
        # A tag with an address Pelican may resolve: its HTML, for Pelican's pattern.
        written = to_html_string(etree.Element(tag, element.attrib)) if link else None
        events.append((START, name, attrs, written))
        if name not in ("script", "style"):  # written as it is; the scan skips it
            self._text(element.text, events)
        for child in element:
            self._element(child, events, in_checklist or checklist)
            self._text(child.tail, events)
        if name not in HTML_EMPTY:
            events.append((END, name))
        if checklist:
            events.append((CHECKLIST_END,))

    def _text(self, text: str | None, events: list[Event]) -> None:
        if text:
            if STX in text:
                raise _PlaceholderError
            events.append((TEXT, _as_parsed(text)))

    def _written(self, block: etree.Element) -> str:
        """Return ``block`` and its tail as HTML, as Markdown finishes it."""
        wrapper = etree.Element("div")
        wrapper.append(copy.deepcopy(block))
        if "unescape" in self.md.treeprocessors:  # it runs after this one
            self.md.treeprocessors["unescape"].run(wrapper)
        html = to_html_string(wrapper)[len("<div>") : -len("</div>")]
        for postprocessor in self.md.postprocessors:
            if postprocessor is not self.finisher:
                html = postprocessor.run(html)
        return html


class RecordingKeeper(Postprocessor):
    """Keep the recording of the document just converted, by the HTML written."""

    def __init__(self, md: Markdown, recorder: ScanRecorder) -> None:
        super().__init__(md)
        self.recorder = recorder

    def run(self, text: str) -> str:
        # `toc` runs the postprocessors on each heading's text too, before the
        # recorder has run: those calls find nothing recorded.
        if self.recorder.recorded:
            RECORDED[text.strip()] = self.recorder.recording
            self.recorder.recorded = False
            self.recorder.recording = None
        return text


class ScanRecorderExtension(Extension):
    def __init__(self, intrasite_link_regex: str, **kwargs: Any) -> None:
        self.intrasite = re.compile(intrasite_link_regex)
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Markdown's API
        recorder = ScanRecorder(md, self.intrasite)
        keeper = RecordingKeeper(md, recorder)
        recorder.finisher = keeper
        # 2: after `toc` (5), which gives headings their ids, and every other
        # treeprocessor that changes what the page shows; before the checklists
        # plugin's `checklists_records` (1), which adds copies of each checklist
        # that its Pelican part takes out again, and `unescape` (0), which
        # ``ScanRecorder._written`` runs itself where it matters.
        md.treeprocessors.register(recorder, "content_checks_scan", 2)
        # 0: last, after `checklists_records` (5): the HTML Pelican is given.
        md.postprocessors.register(keeper, "content_checks_scan", 0)
        md.registerExtension(self)


def _is_checklist(element: etree.Element) -> bool:
    return element.tag == "fieldset" and element.get("class") == CHECKLIST_CLASS


def _as_parsed(text: str) -> str:
    """Return ``text`` as a parser reads it from the HTML the serializer writes.

    With the serializer's own escaping (markdown's ``_escape_cdata``, which
    leaves what already reads as an entity as it is), so that the parser's
    unescaping gives back what it gives from the page.
    """
    return unescape(_escape_cdata(text)) if "&" in text else text


# --- In Pelican ----------------------------------------------------------------------


@dataclass(frozen=True)
class Recordings:
    """What the Markdown step recorded of one post or page, and the HTML it wrote."""

    content: Content
    body: list[Event] | None
    summary: list[Event] | None
    body_html: str
    summary_html: str | None


def take_recordings(content: Content) -> None:
    """Keep the recordings of ``content``'s body and summary, as it is made."""
    if RECORDED:
        body = content._content or ""
        summary = content.metadata.get("summary")
        if not isinstance(summary, str):
            summary = None
        findings.recordings[id(content)] = Recordings(
            content, RECORDED.get(body), RECORDED.get(summary or ""), body, summary
        )
        RECORDED.clear()


def finished_scans(content: Content) -> tuple[HtmlScan, HtmlScan]:
    """Return the scans of ``content``'s finished HTML and of its summary's."""
    body = _as_on_its_page(content)
    summary = content.metadata.get("summary") or ""
    kept = findings.recordings.get(id(content))
    if kept is None or kept.content is not content:
        return whole_scans.scan(body), whole_scans.scan(summary)
    checklists = getattr(content, "checklists", None)
    # Only the checklists plugin changes the body Markdown wrote (each checklist
    # becomes its component, each problem's record goes); Pelican resolves the
    # links of what it is then.
    unchanged = checklists is not None or content._content == kept.body_html
    body_events = kept.body if unchanged else None
    return (
        _scan(content, body_events, content._content, body, checklists or []),
        # A summary's checklists stay as the Markdown step made them.
        _scan(content, kept.summary, kept.summary_html, summary, None),
    )


def _as_on_its_page(content: Content) -> str:
    """Return ``content``'s finished HTML as its own page shows it.

    With RELATIVE_URLS, Pelican writes each resolved link relative to the page
    being written (the writer's ``localsiteurl``, which ``content.content``
    reads: at the end of the build, that of the last page written); so the
    links are resolved here as the writer did for ``content``'s own page.
    """
    if not content.settings["RELATIVE_URLS"]:
        return content.content or ""
    return content.get_content(path_to_url(get_relative_path(content.save_as))) or ""


def _scan(
    content: Content,
    events: list[Event] | None,
    written: str | None,
    finished: str,
    checklists: list | None,
) -> HtmlScan:
    """Replay ``events``, or scan ``finished`` when they are not what it holds."""
    if events is None or not written:
        return whole_scans.scan(finished)
    links = Links(
        content._get_intrasite_link_regex(),
        re.compile(content.settings["INTRASITE_LINK_REGEX"]),
        written,
        finished,
    )
    try:
        return replayed(events, links, checklists)
    except NotReplayableError:
        return whole_scans.scan(finished)


def replayed(events: list[Event], links: Links, checklists: list | None) -> HtmlScan:
    """Return the scan of the finished HTML, from the recording of the HTML written.

    ``checklists`` (None for a summary) are the checklists the plugin made of it.
    Raise NotReplayableError where the scan would differ.
    """
    return _Replay(links).replay(events, checklists)


class _Replay(Scanner):
    """Make the Scanner's calls a recording holds, and those of the HTML it names."""

    def __init__(self, links: Links) -> None:
        super().__init__()
        self.links = links

    def replay(self, events: list[Event], checklists: list | None) -> HtmlScan:
        self.checklists = checklists
        self.remaining = iter(checklists or ())
        self.after = ""
        self._play(events)
        if next(self.remaining, None) is not None:
            raise NotReplayableError
        self.links.check_all_used()
        return self.scan()

    def _play(self, events: Iterable[Event]) -> None:
        for event in events:
            kind = event[0]
            if kind == TEXT:
                self.handle_data(event[1])
            elif kind == START:
                _, name, attrs, written = event
                if written is not None and self.links.intrasite.search(written):
                    attrs = self.links.resolved(attrs, written)
                self.handle_starttag(name, attrs)
            elif kind == END:
                self.handle_endtag(event[1])
            elif kind == BREAK:
                self.handle_comment("")
            elif kind == HTML:
                self._play(html_events(event[1]))
            elif self.checklists is None:
                continue  # a summary's
            elif kind == CHECKLIST:
                # The component holds the list as the Markdown step made it.
                checklist = next(self.remaining, None)
                if checklist is None:
                    raise NotReplayableError
                before, found, self.after = checklist.component.partition(
                    str(checklist.fieldset)
                )
                if not found:
                    raise NotReplayableError
                self._play(html_events(before))
            else:
                self._play(html_events(self.after))


def html_events(html: str) -> tuple[Event, ...]:
    """Return the parser's calls for ``html``, a whole piece of a document.

    Line by line where each line is whole (no tag, comment or script across two
    lines), each line's calls made once per build: a checklist's component
    repeats most of its lines on every post.
    """
    events: list[Event] = []
    for line in html.splitlines(keepends=True):
        found = _line_events(line)
        if found is None:
            break
        events += found
    else:
        return tuple(events)
    found = _whole_events(html)
    if found is None:
        raise NotReplayableError  # the parser waits for more: it ends mid-way
    return found


@functools.lru_cache(maxsize=4096)
def _line_events(line: str) -> tuple[Event, ...] | None:
    return _whole_events(line)


def _whole_events(html: str) -> tuple[Event, ...] | None:
    """Return the parser's calls for ``html``; None unless it reads it to the end."""
    tokens = _Tokens()
    tokens.feed(html)
    if tokens.rawdata or tokens.cdata_elem:
        return None
    return tuple(tokens.calls)


class _Tokens(HTMLParser):
    """Record the calls the parser makes, as events (with each tag's HTML)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.calls: list[Event] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.calls.append((START, tag, attrs, self.get_starttag_text()))

    def handle_endtag(self, tag: str) -> None:
        self.calls.append((END, tag))

    def handle_data(self, data: str) -> None:
        self.calls.append((TEXT, data))

    # A comment, a declaration or a processing instruction ends a stretch of text.
    def handle_comment(self, data: str) -> None:
        self.calls.append((BREAK,))

    def handle_decl(self, decl: str) -> None:
        self.calls.append((BREAK,))

    def handle_pi(self, data: str) -> None:
        self.calls.append((BREAK,))

    def unknown_decl(self, data: str) -> None:
        self.calls.append((BREAK,))


class Links:
    """The addresses Pelican resolved in a finished document, in order.

    Pelican resolves an address with its own pattern (``Content.
    _get_intrasite_link_regex``: one address per tag, in the attributes it
    names, quoted) and changes nothing else (``_update_content``, Pelican 4.12).
    Each match in the HTML before (``written``) is found in the HTML after
    (``finished``) at the same place, shifted by what the earlier ones changed:
    the address Pelican wrote ends at the quote. Resolving the address again
    instead would log Pelican's warnings twice and attach a file twice.
    """

    def __init__(
        self, pattern: re.Pattern, intrasite: re.Pattern, written: str, finished: str
    ) -> None:
        self.pattern = pattern  # Pelican's, for the tag an address is in
        self.intrasite = intrasite  # the setting, for the address alone
        self.written = written
        self.finished = finished
        self.found: Iterator[tuple[re.Match, str]] | None = None

    def resolved(
        self, attrs: list[tuple[str, str | None]], written: str
    ) -> list[tuple[str, str | None]]:
        """Return ``attrs`` of the tag ``written`` with Pelican's address in it."""
        match = self.pattern.search(written)
        if match is None:
            return attrs
        if self.found is None:
            self.found = self._matches()
        found, address = next(self.found, (None, ""))
        if found is None or found.group("markup", "path") != match.group(
            "markup", "path"
        ):
            raise NotReplayableError
        name = ATTRIBUTE_NAME_RE.search(match["markup"])[1].lower()  # type: ignore[index]
        # The parser keeps an attribute's last value; Pelican's pattern finds the
        # last address in a tag.
        for index in range(len(attrs) - 1, -1, -1):
            if attrs[index][0] == name:
                return [*attrs[:index], (name, unescape(address)), *attrs[index + 1 :]]
        raise NotReplayableError

    def _matches(self) -> Iterator[tuple[re.Match, str]]:
        written, finished = self.written, self.finished
        at, shift = 0, 0  # where the finished HTML is `written[at:]`, shifted
        for match in self.pattern.finditer(written):
            start = match.start("path")
            if written[at:start] != finished[at + shift : start + shift]:
                raise NotReplayableError
            end = finished.find(match["quote"], start + shift)
            if end < 0:
                raise NotReplayableError
            yield match, finished[start + shift : end]
            at, shift = match.end("path"), end - match.end("path")
        if written[at:] != finished[at + shift :]:
            raise NotReplayableError

    def check_all_used(self) -> None:
        """Fail unless the finished HTML is ``written`` with the addresses replayed."""
        if self.found is None:
            if self.written != self.finished:
                raise NotReplayableError
        elif next(self.found, None) is not None:
            raise NotReplayableError
