"""The HTML scan the content checks read a post through, alone.

It must see what BeautifulSoup would (the checks' word counts, headings, links
and the text used to find a link's line), at a fraction of the cost.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from plugins.content_checks.html_scan import NOT_READ, scan_html

POST = """\
<h2 id="plan">Plan your day</h2>
<p>Print <em>ten</em>copies &amp; a&nbsp;map of the
<a href="/posts/job-fairs/" title="Job fairs">fair <code>floor plan</code></a>.</p>
<p><img alt="" src="{static}/images/floor.png"><br/>
<input type="checkbox" checked id="item-1"><label for="item-1">Bring a pen</label></p>
<!-- a note to self --><script>var notRead = 1;</script><style>p { x: y }</style>
<p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp></ruby> ends here</p>
"""

SNIPPETS = [
    POST,
    "",
    "Just text, no tags at all.",
    "<p>Unclosed <strong>bold <em>and italic</p><p>after</p>",
    "<div>Stray end tag</span> inside</div></div>",
    '<a href="/a/" href="/b/" download>twice</a><p class="lead intro">words</p>',
    "<template><h3>Not shown</h3></template><p>shown</p>",
    "<pre>  keep\n  spaces  </pre><p>x<!--c-->y</p>",
    "<?php echo 1 ?><!DOCTYPE html><p>after declarations</p>",
]


def test_words_are_the_text_a_reader_reads() -> None:
    scan = scan_html(POST)
    # Words are split at any white space, a no-break space (&nbsp;) too.
    assert " ".join(scan.words()) == (
        "Plan your day Print ten copies & a map of the fair floor plan . "
        "Bring a pen 漢 ends here"
    )
    assert scan.has_heading


def test_comments_and_declarations_are_not_text() -> None:
    scan = scan_html("<p>one<!-- two --><![CDATA[three]]>four</p><!DOCTYPE html>")
    assert scan.words() == ["one", "four"]


def test_each_element_with_its_attributes_and_text() -> None:
    scan = scan_html(POST)
    link = next(element for element in scan.elements if element.name == "a")
    assert link.attrs == {"href": "/posts/job-fairs/", "title": "Job fairs"}
    assert scan.text_of(link) == "fair floor plan"
    image = next(element for element in scan.elements if element.name == "img")
    assert image.attrs == {"alt": "", "src": "{static}/images/floor.png"}
    assert scan.text_of(image) == ""
    checkbox = next(element for element in scan.elements if element.name == "input")
    assert checkbox.attrs["checked"] == ""


def test_an_end_tag_closes_what_was_left_open_inside_it() -> None:
    scan = scan_html("<p>One <strong>two <em>three</p><p>four</p>")
    strong = next(element for element in scan.elements if element.name == "strong")
    assert scan.text_of(strong) == "two three"
    assert not scan.has_heading


def test_a_repeated_attribute_keeps_its_last_value() -> None:
    (link,) = scan_html('<a href="/a/" href="/b/">twice</a>').elements
    assert link.attrs == {"href": "/b/"}


@pytest.mark.parametrize("html", SNIPPETS, ids=range(len(SNIPPETS)))
def test_the_scan_sees_what_beautifulsoup_sees(html: str) -> None:
    soup = BeautifulSoup(html, "html.parser")
    scan = scan_html(html)
    assert scan.words() == soup.get_text(" ").split()
    assert scan.has_heading == (
        soup.find(["h1", "h2", "h3", "h4", "h5", "h6"]) is not None
    )
    elements = soup.find_all(True)
    assert [element.name for element in scan.elements] == [
        element.name for element in elements
    ]
    for scanned, parsed in zip(scan.elements, elements, strict=True):
        # BeautifulSoup splits class and rel into lists of words: compare the rest.
        assert {
            name: value
            for name, value in scanned.attrs.items()
            if isinstance(parsed.get(name), str)
        } == {
            name: value
            for name, value in parsed.attrs.items()
            if isinstance(value, str)
        }
        # BeautifulSoup shortens white space between two tags to one character;
        # the words are the same. (The text of a script is the script to it.)
        if parsed.name not in NOT_READ:
            assert " ".join(scan.text_of(scanned).split()) == " ".join(
                parsed.get_text().split()
            )
