"""Fuzz: the checklists Markdown step, fed generated task lists.

Each example is a document of one to three task lists, each under a heading that
pins its id (``## List 1 {: #list-1 }``), with nested items, mixed bullets, pins
and attribute lists, emoji, right-to-left and random text, inline HTML, empty and
huge items, loose items and descriptions, in Unix or Windows line endings. The
generator counts the items it writes. Whatever the text, the step never raises;
its HTML parses as written (every element closed, no id twice); every checkbox
has one label with text; and each list is either a checklist with exactly one
checkbox per generated item, or, when the generator wrote a mistake into it
(an empty item, a bad pin, an unreadable attribute list...) or wild text (braces,
quotes, equals signs), left as written with a note that says what is wrong and
quotes the line of such an item. The host's records come off to give
exactly the HTML the step writes without them.
"""

from __future__ import annotations

from dataclasses import dataclass

import markdown
from bs4 import BeautifulSoup
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pelican.plugins.checklists.markdown_extension import ChecklistsExtension
from pelican.plugins.checklists.records import without_records

from tests.fuzz.html_check import html_errors, unlabelled_checkboxes
from tests.fuzz.profiles import examples

SITE_EXTENSIONS = ["extra", "toc", "meta"]

# A few words, so that texts repeat and their ids collide: "notes" and "details"
# are the suffixes of the ids of an item's notes box and description.
WORDS = ["send", "a", "note", "notes", "details", "2", "call", "Call", "x-2", "item"]
PIECES = [
    "🎉",
    "👩🏽‍💻",
    "שלום עולם",  # Hebrew
    "مرحبا بالعالم",  # Arabic
    "\u202eevil\u202c",  # right-to-left override
    "\u200f",  # right-to-left mark alone
    "Написать письмо",
    "面接の準備",
    "**bold**",
    "_soft_",
    "`code {#x}`",
    "[a link](https://example.org/)",
    "<em>inline</em>",
    '<span class="x">span</span>',
    "<br>",
    "<!-- a comment -->",
    "&amp;",
    "&",
    "a < b > c",
    "&#1;",
    "\\*not emphasis\\*",
    "[ ]",
    "#",
]
# Random text on one line: no line breaks, and no "<" or ">" that could open a
# tag the author never closes (the HTML would then be the author's own).
RANDOM_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
        blacklist_characters="<>{}\r\n\x85\u2028\u2029",
    ),
    max_size=12,
)
# An item's text starts with a word, so that it is never empty and always an item.
TEXT = st.tuples(
    st.sampled_from(WORDS),
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.sampled_from(PIECES), RANDOM_TEXT),
        max_size=6,
    ),
).map(lambda parts: " ".join([parts[0], *parts[1]]))
HUGE_TEXT = st.integers(2_000, 12_000).map(lambda n: ("step " * n)[:n])
NOTES = st.lists(st.sampled_from([*WORDS, "🎉", "שלום", "?"]), min_size=1, max_size=4)
WITHIN = st.sampled_from(["30 minutes", "24 hours", "1 day", "2 weeks", "1 week"])
# Braces, quotes and the like, which may or may not make an attribute list, a
# readable one or not: the step must still never fail.
WILD = st.text("{}:#.=\"' abx-_", min_size=1, max_size=16)
# What makes a list one that cannot be a checklist, as the generator writes it.
MISTAKES = {
    "empty": "",
    "bad pin": "{: #not_a_pin }",
    "unknown attribute": '{: colour="red" }',
    "unreadable": "{: notes=two words }",
    "bad time limit": '{: within="soon" }',
    "empty notes": '{: notes="" }',
}


@dataclass
class Document:
    markdown: str
    # For each list, in order: its id, how many items, and whether a mistake or
    # wild text was written into it (then it may be left as written).
    lists: list[tuple[str, int, bool]]
    # The line of each item written with a mistake: what a note must quote.
    mistakes: list[str]
    # The line of each item with wild text: it may be quoted too.
    wild: list[str]


@st.composite
def attributes(draw: st.DrawFn, pins: list[str]) -> str:
    """Return a valid attribute list for an item, or ""."""
    parts = []
    pin = None
    if draw(st.booleans()):
        pin = f"pin-{len(pins)}"
        pins.append(pin)
        parts.append(f"#{pin}")
    if draw(st.booleans()):
        parts.append(f'notes="{" ".join(draw(NOTES))}"')
    if draw(st.booleans()):
        parts.append(f'within="{draw(WITHIN)}"')
    if not parts:
        return ""
    if parts == [f"#{pin}"] and draw(st.booleans()):
        return f"{{#{pin}}}"  # the short form
    return f"{{: {' '.join(parts)} }}"


@st.composite
def items(
    draw: st.DrawFn, depth: int, pins: list[str], mistakes: list[str], wild: list[str]
) -> tuple[list[str], int]:
    """Return the Markdown lines of a list's items (and sub-items), and their count.

    ``mistakes`` gets the line of each item written with a mistake on purpose;
    ``wild``, of each with wild text.
    """
    indent = draw(st.sampled_from(["    ", "\t"])) * depth
    loose = draw(st.booleans())
    lines, count = [], 0
    for _ in range(draw(st.integers(1, 4))):
        bullet = draw(st.sampled_from(["-", "*", "+", "1."]))
        box = draw(st.sampled_from(["[ ]", "[x]", "[X]"]))
        text = draw(st.one_of(TEXT, HUGE_TEXT) if depth == 0 else TEXT)
        attrs = draw(attributes(pins))
        mistake = (
            draw(st.sampled_from(sorted(MISTAKES)))
            if draw(st.integers(0, 19)) == 0
            else None
        )
        if mistake is not None:
            text = f"{'' if mistake == 'empty' else text} {MISTAKES[mistake]}".strip()
            attrs = ""
        elif draw(st.integers(0, 9)) == 0:
            text = f"{text} {draw(WILD)}"
        line = f"{indent}{bullet} {box} {text}"
        if attrs and draw(st.booleans()):
            # attr_list's form: on the line below the item.
            lines += [line, f"{indent}  {attrs}"]
        else:
            line = f"{line} {attrs}".rstrip()
            lines.append(line)
        if mistake is not None:
            mistakes.append(line.rstrip())
        elif "{" in text or "}" in text:
            wild.append(line.rstrip())
        count += 1
        if draw(st.integers(0, 5)) == 0:
            lines += ["", f"{indent}    A description: {draw(TEXT)}", ""]
        if depth < 2 and draw(st.integers(0, 3)) == 0:
            sub_lines, sub_count = draw(items(depth + 1, pins, mistakes, wild))
            lines += sub_lines
            count += sub_count
        if loose:
            lines.append("")
    return lines, count


@st.composite
def documents(draw: st.DrawFn) -> Document:
    pins: list[str] = []
    lines = [f"Title: {draw(TEXT)}", ""]
    lists = []
    mistakes: list[str] = []
    wild: list[str] = []
    for number in range(1, draw(st.integers(1, 3)) + 1):
        title = draw(
            st.sampled_from(
                ["## List {n} {{: #list-{n} }}", "List {n}: {{: #list-{n} }}"]
            )
        )
        lines += [title.format(n=number), ""]
        before = len(mistakes) + len(wild)
        item_lines, count = draw(items(0, pins, mistakes, wild))
        lines += [*item_lines, "", draw(TEXT), ""]
        lists.append((f"list-{number}", count, len(mistakes) + len(wild) > before))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    return Document(ending.join(lines), lists, mistakes, wild)


def convert(text: str, records: bool = False) -> str:
    md = markdown.Markdown(
        extensions=[*SITE_EXTENSIONS, ChecklistsExtension(records=records)],
        output_format="html5",
    )
    return md.convert(text)


@settings(max_examples=examples(1.0))
@given(documents())
# Found by this test: with Windows line ends, an empty item ("- [ ]\r") was not
# seen as a task line, so its problem quoted the next item's line, and that
# item's problem none.
@example(
    Document(
        "Title: send\r\n\r\n## List 1 {: #list-1 }\r\n\r\n- [ ]\r\n"
        "    - [ ] send {: #not_a_pin }\r\n\r\nsend\r\n",
        [("list-1", 2, True)],
        ["- [ ]", "    - [ ] send {: #not_a_pin }"],
        [],
    )
)
# Found by this test: the note quoted "&#1;" unescaped, which reads as nothing.
@example(
    Document(
        "Title: send\n\n## List 1 {: #list-1 }\n\n- [ ] send &#1; {: #not_a_pin }\n",
        [("list-1", 1, True)],
        ["- [ ] send &#1; {: #not_a_pin }"],
        [],
    )
)
def test_any_task_list_becomes_checkboxes_or_a_note(document: Document) -> None:
    html = convert(document.markdown)
    assert without_records(convert(document.markdown, records=True)) == html
    assert html_errors(html) == []
    page = BeautifulSoup(html, "html.parser")
    assert unlabelled_checkboxes(page) == []
    made, left = 0, 0
    for list_id, count, mistaken in document.lists:
        fieldset = page.select_one(f'fieldset[data-checklist-id="{list_id}"]')
        if fieldset is None:
            assert mistaken, f"{list_id} is no checklist"
            left += 1
        else:
            assert len(fieldset.select('input[type="checkbox"]')) == count, list_id
            made += count
    # No checkbox outside the checklists; a note for each list left as written,
    # quoting the line with the mistake, so the host can say where it is.
    assert len(page.select('input[type="checkbox"]')) == made
    notes = page.select(".checklist-problem")
    assert len(notes) >= left
    quoted = {note.get("data-checklist-source-line") for note in notes}
    assert quoted <= {*document.mistakes, *document.wild}
