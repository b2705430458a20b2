"""Fuzz: what the content checks read of a document, from the Markdown step.

Each example is a document of Markdown lines drawn from the constructs authors
write (headings, paragraphs with entities, escapes, inline HTML and code, raw
HTML blocks, fenced and indented code, lists and task lists, tables, footnotes,
links Pelican resolves or cannot, template tags), converted with the site's
extensions. What the recording replays (plugins/content_checks/markdown_scan.py)
must be exactly the scan of the HTML Markdown writes, or, where the recording
says it cannot be exact, nothing at all: then the checks scan the HTML.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.contents import Content
from pelican.plugins.checklists.markdown_extension import ChecklistsExtension
from pelican.settings import DEFAULT_CONFIG

from plugins.content_checks import markdown_scan
from plugins.content_checks.html_scan import scan_html
from tests.fuzz.profiles import examples

INTRASITE = DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]
INTRASITE_RE = re.compile(INTRASITE)
# Pelican's own pattern for the addresses it resolves.
PATTERN = Content._get_intrasite_link_regex(
    SimpleNamespace(settings={"INTRASITE_LINK_REGEX": INTRASITE})
)
INLINE = [
    "plain words",
    "Q&A and AT&T",
    "&amp; &copy; &#169; &nbsp;",
    "5 < 6 > 4",
    "\\*escaped\\* \\_too\\_",
    "`code & <b>`",
    "**bold** and _soft_",
    "<kbd>Ctrl</kbd>",
    '<span class="x">raw *em*</span>',
    "a<br>break",
    "<!-- a comment -->",
    "[a link](/about/)",
    "[a file]({filename}/posts/x.md#part)",
    "[unknown]({filname}x.md)",
    '![an image]({static}/images/x.png "A & B")',
    "![](missing.png)",
    "<https://example.org/?a=1&b=2>",
    "<me@example.org>",
    "{{ site.title }}",
    "{% link _posts/x.md %}",
    '[gallery ids="1,2"]',
    "a footnote[^1]",
    "🎉 שלום",
]
BLOCKS = [
    "## A heading {: #pinned }",
    "- [ ] an item",
    "- [x] a ticked item",
    "    - [ ] a sub-item",
    "- a plain item",
    "1. a numbered item",
    "> a quote",
    "    indented code <b> & more",
    "```\nfenced {{ code }} & <b>\n```",
    '<div class="raw">\n<p>raw <a href="{filename}/posts/x.md">block</a></p>\n</div>',
    "<script>var x = '<p>';</script>",
    "| a | b |\n|---|---|\n| c | d |",
    "[^1]: the footnote",
    "*[CV]: Curriculum vitae",
    "[TOC]",
    "",
]
LINE = st.one_of(
    st.lists(st.sampled_from(INLINE), min_size=1, max_size=4).map(" ".join),
    st.sampled_from(BLOCKS),
    st.tuples(st.sampled_from(BLOCKS), st.sampled_from(INLINE)).map(" ".join),
)


def unresolved(html: str) -> markdown_scan.Links:
    """Return the addresses of ``html`` as written: no Pelican here to resolve them."""
    return markdown_scan.Links(PATTERN, INTRASITE_RE, html, html)


def converted(text: str) -> tuple[str, list | None]:
    """Return the HTML Markdown writes of ``text``, and its recording."""
    md = markdown.Markdown(
        extensions=[
            "extra",
            "toc",
            ChecklistsExtension(),
            markdown_scan.ScanRecorderExtension(INTRASITE),
        ],
        output_format="html5",
    )
    html = md.convert(text)
    return html, markdown_scan.RECORDED.pop(html, None)


@settings(max_examples=examples(1))
@given(st.lists(LINE, min_size=1, max_size=12).map("\n".join))
def test_the_replay_is_the_scan_of_the_html(text: str) -> None:
    html, events = converted(text)
    if events is None:
        return  # the checks scan the HTML itself
    try:
        replay = markdown_scan.replayed(events, unresolved(html), None)
    except markdown_scan.NotReplayableError:
        return
    assert replay == scan_html(html)


def test_the_common_case_is_replayed() -> None:
    html, events = converted("## A heading\n\nQ&A: [a file]({filename}/x.md).\n")
    assert events is not None
    replay = markdown_scan.replayed(events, unresolved(html), None)
    assert replay == scan_html(html)
