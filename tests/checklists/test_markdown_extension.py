"""The checklists Markdown extension alone: Markdown strings in, HTML read back.

The extension imports nothing from Pelican, so these tests use Python-Markdown
exactly as the site configures it (``extra``, ``toc``, ``meta``, HTML5 output).
"""

from __future__ import annotations

import re
import textwrap

import markdown
import pytest
from bs4 import BeautifulSoup, Tag
from pelican.plugins.checklists.ids import slugify
from pelican.plugins.checklists.markdown_extension import ChecklistsExtension
from pelican.plugins.checklists.records import (
    ChecklistRecord,
    Record,
    next_record,
    without_records,
)

SITE_EXTENSIONS = ["extra", "toc", "meta"]


def convert(text: str, extensions: list | None = None) -> BeautifulSoup:
    md = markdown.Markdown(
        extensions=[*(SITE_EXTENSIONS if extensions is None else extensions)]
        + [ChecklistsExtension()],
        output_format="html5",
    )
    return BeautifulSoup(md.convert(textwrap.dedent(text).lstrip("\n")), "html.parser")


def items(checklist: Tag) -> list[tuple[str, str, bool]]:
    """Return (id, label text, ticked by default) for every checkbox, in order."""
    found = []
    for box in checklist.select("input.checklist__input"):
        label = checklist.find("label", attrs={"for": box["id"]})
        text = label.get_text(" ", strip=True)
        found.append((box["value"], text, box.has_attr("checked")))
    return found


def problems(page: BeautifulSoup) -> list[str]:
    return [
        note.select_one(".checklist-problem__message").get_text()
        for note in page.select(".checklist-problem")
    ]


def test_a_task_list_becomes_checkboxes_each_named_by_its_label() -> None:
    page = convert(
        """
        ## Before you send

        - [ ] Say who you are in **one** sentence
        - [x] Check [their name](https://example.org/) and `job title`
        """
    )
    fieldset = page.select_one("fieldset.checklist__fieldset")
    assert fieldset.legend.get_text() == "Before you send"
    boxes = fieldset.select("input")
    assert [box["type"] for box in boxes] == ["checkbox", "checkbox"]
    for box in boxes:
        label = page.find("label", attrs={"for": box["id"]})
        assert label is not None and label.get_text(strip=True)
        assert box.find_parent("label") is None  # a label for=, not a wrapper
    first, second = (page.find("label", attrs={"for": b["id"]}) for b in boxes)
    # Inline Markdown is kept inside the label.
    assert first.strong.get_text() == "one"
    assert second.a["href"] == "https://example.org/"
    assert second.code.get_text() == "job title"
    assert items(fieldset) == [
        ("say-who-you-are-in-one-sentence", "Say who you are in one sentence", False),
        ("check-their-name-and-job-title", "Check their name and job title", True),
    ]
    # The heading stays where the author wrote it, with its own anchor.
    assert page.find("h2")["id"] == "before-you-send"
    assert page.find("h2").find_next_sibling() is fieldset


@pytest.mark.parametrize("bullet", ["-", "*", "+", "1."])
def test_every_kind_of_list_can_be_a_checklist(bullet: str) -> None:
    page = convert(f"{bullet} [ ] one\n{bullet} [X] two\n")
    assert [ticked for _, _, ticked in items(page)] == [False, True]


def test_a_plain_list_stays_plain_next_to_a_checklist() -> None:
    page = convert(
        """
        Some things to bring:

        - a pen
        - a notepad

        Check these:

        - [ ] the time
        - [ ] the place
        """
    )
    plain = page.find("ul", class_=False)
    assert [li.get_text() for li in plain.find_all("li")] == ["a pen", "a notepad"]
    assert plain.find("input") is None
    assert len(page.select("fieldset")) == 1
    assert page.select_one("legend").get_text() == "Check these"


def test_the_title_falls_back_to_the_documents_title() -> None:
    page = convert(
        """
        Title: Packing for a job fair

        Not a lead-in, as it does not end with a colon.

        - [ ] CV copies
        """
    )
    assert page.select_one("legend").get_text() == "Packing for a job fair"
    assert page.select_one("fieldset")["data-checklist"] == "checklist"
    assert convert("- [ ] CV copies").select_one("legend").get_text() == "Checklist"


def test_ids_come_from_the_text_not_the_position() -> None:
    before = convert("- [ ] Buy stamps\n- [ ] Post the letter\n- [ ] Relax\n")
    after = convert("- [ ] Relax\n- [ ] New step\n- [ ] Buy stamps\n")
    assert [i[0] for i in items(before)] == ["buy-stamps", "post-the-letter", "relax"]
    assert [i[0] for i in items(after)] == ["relax", "new-step", "buy-stamps"]


def test_repeated_items_get_a_numbered_suffix() -> None:
    page = convert("- [ ] Check spelling\n- [ ] Send\n- [ ] Check spelling!\n")
    assert [i[0] for i in items(page)] == ["check-spelling", "send", "check-spelling-2"]


def test_an_author_pins_an_item_id_on_the_line_or_below_it() -> None:
    page = convert(
        """
        - [ ] Send a short thank-you note {: #send-thank-you }
        - [ ] Update your notes
          {: #notes }
        - [ ] Relax{#relax}
        """
    )
    assert items(page) == [
        ("send-thank-you", "Send a short thank-you note", False),
        ("notes", "Update your notes", False),
        ("relax", "Relax", False),
    ]
    assert "{:" not in page.get_text()


def test_an_id_in_a_code_span_is_code_not_a_pin() -> None:
    page = convert("## Ids like `{#this}`\n\n- [ ] Write `{#x}`\n")
    assert items(page) == [("write-x", "Write {#x}", False)]
    assert page.select_one("label code").get_text() == "{#x}"
    fieldset = page.select_one("fieldset")
    assert fieldset["data-checklist"] == "ids-like-this"
    assert not fieldset.has_attr("data-checklist-id")


def test_a_pinned_id_is_never_taken_by_a_derived_one() -> None:
    page = convert("- [ ] Relax\n- [ ] Something else {: #relax }\n")
    assert [i[0] for i in items(page)] == ["relax-2", "relax"]


def test_nested_task_lists_are_sub_items_with_their_parents_id() -> None:
    page = convert(
        """
        - [ ] Write the note
            - [ ] Check spelling
            - [x] Name one thing you learned
        - [ ] Post the letter
            - [ ] Check spelling
        """
    )
    top = page.select_one("fieldset > ul.checklist__items")
    assert len(top.find_all("li", recursive=False)) == 2
    nested = top.li.select_one("ul.checklist__items")
    assert nested is not None and nested.find_parent("li") is top.li
    assert [i[0] for i in items(page)] == [
        "write-the-note",
        "write-the-note--check-spelling",
        "write-the-note--name-one-thing-you-learned",
        "post-the-letter",
        "post-the-letter--check-spelling",
    ]


def test_other_blocks_in_an_item_describe_its_checkbox() -> None:
    page = convert(
        """
        - [ ] Bring copies of your CV

            Two or three, printed on good paper.

            - in a folder
            - not folded

        - [ ] Arrive early
        """
    )
    first = page.select_one("input")
    description = page.find(id=first["aria-describedby"])
    assert "Two or three" in description.get_text()
    assert [li.get_text() for li in description.select("li")] == [
        "in a folder",
        "not folded",
    ]
    assert items(page)[0][:2] == ("bring-copies-of-your-cv", "Bring copies of your CV")


def test_two_checklists_on_a_page_never_share_an_html_id() -> None:
    page = convert(
        """
        ### Morning

        - [ ] Coffee

        ### Evening

        - [ ] Coffee
        """
    )
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert [i[0] for i in items(page)] == ["coffee", "coffee"]
    assert [f["data-checklist"] for f in page.select("fieldset")] == [
        "morning",
        "evening",
    ]


def test_unusual_but_valid_text_just_works() -> None:
    long_item = "Read the whole job advert again " + "carefully " * 40 + "today"
    page = convert(
        f"""
        Before the day:

        - [ ] 🎉🎉
        - [ ] 🎉 Celebrate
        - [ ] Написать письмо
        - [ ] 面接の準備をする
        - [ ] Salt &amp; pepper &mdash; &eacute;t&eacute;
        - [ ] {long_item}
        """
    )
    found = items(page)
    assert [label for _, label, _ in found] == [
        "🎉🎉",
        "🎉 Celebrate",
        "Написать письмо",
        "面接の準備をする",
        "Salt & pepper — été",
        long_item,
    ]
    ids = [item_id for item_id, _, _ in found]
    assert ids[1:5] == [
        "celebrate",
        "написать-письмо",
        "面接の準備をする",
        "salt-pepper-été",
    ]
    assert ids[0].startswith("item-") and len(set(ids)) == len(ids)
    # Emoji alone still get an id that depends on the text, not the position.
    assert items(convert("- [ ] First\n- [ ] 🎉🎉\n"))[1][0] == ids[0]


def test_slugs_keep_letters_and_marks_of_any_script() -> None:
    assert slugify("Send a thank-you note!") == "send-a-thank-you-note"
    assert slugify("नमस्ते दुनिया") == "नमस्ते-दुनिया"
    assert slugify("  Ünïcödé -- Text  ") == "ünïcödé-text"
    assert slugify("🎉 & —") == ""


def test_an_author_pins_the_checklist_id_on_its_title() -> None:
    page = convert(
        """
        ## Before you press send {: #before-sending }

        - [ ] Proofread

        A few more points: {: #more-points }

        - [ ] Attach the file
        """
    )
    first, second = page.select("fieldset")
    assert first["data-checklist-id"] == first["data-checklist"] == "before-sending"
    assert second["data-checklist-id"] == "more-points"
    assert page.find("h2")["id"] == "before-sending"
    lead_in = second.find_previous_sibling("p")
    assert lead_in.get_text() == "A few more points:"
    assert lead_in["id"] == "more-points"
    assert second.legend.get_text() == "A few more points"


def test_without_attr_list_pins_still_work() -> None:
    page = convert("## Packing {: #packing }\n\n- [ ] Pens {: #pens }\n", [])
    fieldset = page.select_one("fieldset")
    assert fieldset["data-checklist-id"] == "packing"
    assert items(page) == [("pens", "Pens", False)]


def test_one_extension_serves_many_documents() -> None:
    extension = ChecklistsExtension()
    md = markdown.Markdown(extensions=["extra", extension], output_format="html5")
    broken = md.convert("- [ ]\n- [ ] Two\n")
    assert "checklist-problem" in broken
    md.reset()
    second = BeautifulSoup(md.convert("## Trip\n\n- [ ] Tickets\n"), "html.parser")
    assert problems(second) == []
    assert second.select_one("input")["id"] == "checklist-trip--tickets"


# --- Problems: the list stays as written, with a note before it -----------------


def test_an_item_without_text_is_a_problem() -> None:
    page = convert("Title: A post\n\n- [ ] One\n- [ ]\n- [ ] Three\n")
    assert problems(page) == [
        "A checklist item has nothing after its box, so readers would see a "
        "checkbox without a name."
    ]
    note = page.select_one(".checklist-problem")
    assert note["data-checklist-source-line"] == "- [ ]"
    assert page.find("input") is None  # the list stays as written
    assert "[ ] One" in page.find("ul").get_text()


def test_a_checklist_with_no_items_is_a_problem() -> None:
    page = convert("Things to do:\n\n- [ ]\n- [x]\n")
    assert problems(page) == [
        "This checklist has no items: every box is followed by nothing."
    ]


def test_two_items_pinned_to_one_id_is_a_problem() -> None:
    page = convert(
        """
        - [ ] Send a note {: #thanks }
        - [ ] Say thank you {: #thanks }
        """
    )
    [message] = problems(page)
    assert "“thanks”" in message and "“Send a note”" in message
    note = page.select_one(".checklist-problem")
    assert note["data-checklist-source-line"] == "- [ ] Say thank you {: #thanks }"
    assert (
        note.select_one(".checklist-problem__fix")
        .get_text()
        .startswith("give each item an id of its own")
    )


def test_a_list_mixing_boxes_and_plain_items_is_a_problem() -> None:
    page = convert("- [ ] One\n- [] Two\n- [ ] Three\n")
    [message] = problems(page)
    assert "“[] Two” has none" in message
    assert page.find("input") is None


def test_an_id_that_cannot_be_an_address_is_a_problem() -> None:
    page = convert("## Trip {: #my--trip }\n\n- [ ] Go {: #go! }\n")
    assert len(problems(page)) == 2
    assert all("cannot be used" in message for message in problems(page))


def test_two_checklists_with_one_title_in_a_document_is_a_problem() -> None:
    page = convert(
        """
        ## Checks

        - [ ] One

        ## Checks

        - [ ] Two
        """
    )
    [message] = problems(page)
    assert "the title “Checks”" in message
    assert len(page.select("fieldset")) == 1  # the first one is fine


def test_the_quoted_line_skips_task_items_in_code_blocks() -> None:
    page = convert(
        """
        ```markdown
        - [ ] An example in a code block
        - [ ] An example in a code block
        ```

        - [ ] An example in a code block
        - [ ] An example in a code block {: #x }
        - [ ] Another {: #x }
        """
    )
    note = page.select_one(".checklist-problem")
    assert note["data-checklist-source-line"] == "- [ ] Another {: #x }"
    assert note["data-checklist-source-occurrence"] == "1"
    # The code block itself is untouched.
    assert "- [ ] An example" in page.find("code").get_text()


# --- Records: what a host (the Pelican part) reads instead of parsing the HTML -----


RECORDED = """
    Title: A post

    ## Pack your bag {: #bag }

    - [ ] Copies of your **CV** &amp; a <kbd>pen</kbd>
        - [x] Printed on plain paper
    - [x] A [map](https://example.org/)

        Print it the night before.

    Then, on the day:

    - [ ] Arrive early

    ```markdown
    - [ ] An example, not a checklist
    ```

    Broken:

    - [ ] One
    - [ ]
    """


def convert_with_records(text: str) -> tuple[str, str]:
    """Return the HTML with records, and the HTML the extension writes without."""
    outputs = []
    for records in (True, False):
        md = markdown.Markdown(
            extensions=[*SITE_EXTENSIONS, ChecklistsExtension(records=records)],
            output_format="html5",
        )
        outputs.append(md.convert(textwrap.dedent(text).lstrip("\n")))
    return outputs[0], outputs[1]


def records_in(html: str) -> list[tuple[Record, str]]:
    """Return each record, with the markup it is about (a checklist's fieldset)."""
    found, at = [], 0
    while (record := next_record(html, at)) is not None:
        _, at, data = record
        length = data.length if isinstance(data, ChecklistRecord) else 0
        found.append((data, html[at : at + length]))
    return found


def test_records_leave_the_html_as_the_extension_writes_it() -> None:
    recorded, plain = convert_with_records(RECORDED)
    assert recorded != plain
    assert without_records(recorded) == plain
    # A record adds no words and no tags: to anything that counts words between
    # tags (the reading time), the page is the same.
    assert re.sub(r"<[^>]*>", " ", recorded).split() == (
        re.sub(r"<[^>]*>", " ", plain).split()
    )


def test_a_checklists_record_says_what_a_host_needs() -> None:
    recorded, _ = convert_with_records(RECORDED)
    (bag, bag_fieldset), (day, day_fieldset), (problem, _) = records_in(recorded)
    fieldset = BeautifulSoup(bag_fieldset, "html.parser").fieldset
    assert bag_fieldset.startswith("<fieldset") and bag_fieldset.endswith("</fieldset>")
    assert fieldset["data-checklist"] == bag.id == bag.pin == "bag"
    assert bag.title == fieldset.legend.get_text() == "Pack your bag"
    assert bag.items == tuple(
        (box["value"], box.has_attr("checked")) for box in fieldset.select("input")
    )
    assert [ticked for _, ticked in bag.items] == [False, True, True]
    assert (day.id, day.pin, day.title, day.items) == (
        "then-on-the-day",
        None,
        "Then, on the day",
        (("arrive-early", False),),
    )
    assert BeautifulSoup(day_fieldset, "html.parser").fieldset.legend.get_text() == (
        "Then, on the day"
    )
    assert problem.problem.startswith("A checklist item has nothing after its box")
    assert problem.fix.startswith("write the task after the box")
    assert (problem.line, problem.occurrence) == ("- [ ]", 1)


def test_a_checklists_record_holds_it_as_a_plain_list() -> None:
    recorded, _ = convert_with_records(RECORDED)
    (bag, _), (day, _), _ = records_in(recorded)
    plain = BeautifulSoup(bag.plain, "html.parser")
    assert plain.find("input") is None and plain.find("label") is None
    first, second = plain.ul.find_all("li", recursive=False)
    assert first.contents[0] == "☐ Copies of your "
    assert first.strong.get_text() == "CV" and first.kbd.get_text() == "pen"
    assert [li.get_text() for li in first.ul.find_all("li")] == [
        "☑ Printed on plain paper"
    ]
    assert second.get_text(" ", strip=True) == ("☑ A map Print it the night before.")
    assert second.a["href"] == "https://example.org/"
    assert day.plain == "<ul><li>☐ Arrive early</li></ul>"


def test_a_checklist_inside_anothers_description_has_its_own_record() -> None:
    recorded, plain = convert_with_records(
        """
        - [ ] Outer item

            - a plain list in its description, holding a checklist:

                - [ ] Inner one
        """
    )
    assert without_records(recorded) == plain
    (outer, outer_fieldset), (inner, inner_fieldset) = records_in(recorded)
    assert (outer.items, inner.items) == (
        (("outer-item", False),),
        (("inner-one", False),),
    )
    assert inner_fieldset in outer_fieldset  # the outer record's length counts it
    assert without_records(outer_fieldset).count("<fieldset") == 2


# --- Notes boxes and time limits -----------------------------------------------


def test_a_notes_box_is_a_labelled_text_box_for_an_item_or_the_checklist() -> None:
    page = convert(
        """
        After the call: {: #after notes="What surprised you?" }

        - [ ] Write up your notes {: notes="Names and advice they gave" }
            - [ ] Send them to yourself {: notes="Where you keep them" }
        - [ ] Say thank you
        """
    )
    boxes = page.select("textarea")
    assert [box["data-checklist-note"] for box in boxes] == [
        "write-up-your-notes",
        "write-up-your-notes--send-them-to-yourself",
        "",
    ]
    labels = [page.find("label", attrs={"for": box["id"]}).get_text() for box in boxes]
    assert labels == [
        "Names and advice they gave",
        "Where you keep them",
        "What surprised you?",
    ]
    assert len({box["id"] for box in boxes}) == 3
    # The checklist's own box comes after its items; an item's, after its label.
    assert boxes[2].find_parent("fieldset").select("textarea")[-1] is boxes[2]
    item = page.find("input", attrs={"value": "write-up-your-notes"}).parent
    assert item.select_one(":scope > .checklist__notes textarea") is boxes[0]
    # Nothing of the attribute list is left in the text, or on the lead-in.
    assert items(page)[0][1] == "Write up your notes"
    lead_in = page.find("p", string="After the call:")
    assert lead_in is not None and "notes" not in lead_in.attrs


def test_an_item_with_a_time_limit_shows_it_in_its_label() -> None:
    page = convert(
        """
        ## After the call {: start="When was the call?" }

        - [ ] Send a thank-you note {: within="24 hours" }
        - [ ] Reply to introductions
            {: within="2 days" }
        - [ ] Follow up {: within='1 week' }
        - [ ] Check the spelling {: within=30minutes }
        """
    )
    limits = [
        (span["data-checklist-within"], span.get_text())
        for span in page.select("label .checklist__due")
    ]
    assert limits == [
        ("PT24H", "within 24 hours"),
        ("P2D", "within 2 days"),
        ("P1W", "within 1 week"),
        ("PT30M", "within 30 minutes"),
    ]
    # The checkbox's name says the limit; the id is the item's text alone.
    assert items(page)[0] == (
        "send-a-thank-you-note",
        "Send a thank-you note within 24 hours",
        False,
    )
    assert "start" not in page.find("h2").attrs
    assert page.find("h2").get_text() == "After the call"


@pytest.mark.parametrize(
    ("markdown_line", "message"),
    [
        ('- [ ] One {: note="x" }', "cannot take “note”"),
        ("- [ ] One {: .important }", "cannot take “class”"),
        ('- [ ] One {: start="When?" }', "cannot take “start”"),
        ('- [ ] One {: within="tomorrow" }', "“tomorrow” is not one"),
        ('- [ ] One {: within="0 days" }', "“0 days” is not one"),
        ('- [ ] One {: notes="" }', "“notes” needs a value"),
        ("- [ ] One {: notes=What surprised you? }", "could not be read"),
        ('- [ ] One {: notes="*What* surprised you?" }', "could not be read"),
    ],
)
def test_a_wrong_attribute_on_an_item_is_a_problem(
    markdown_line: str, message: str
) -> None:
    page = convert(f"## Steps\n\n{markdown_line}\n- [ ] Two\n")
    [found] = problems(page)
    assert message in found
    note = page.select_one(".checklist-problem")
    assert note["data-checklist-source-line"] == markdown_line
    assert page.select("fieldset") == []


@pytest.mark.parametrize(
    ("title", "message"),
    [
        ('## Steps {: within="1 day" }', "cannot take “within”"),
        ('## Steps {: start="When did it start?" }', "none of its items has a time"),
        ('Steps: {: notes="" }', "“notes” needs a value"),
    ],
)
def test_a_wrong_attribute_on_a_title_is_a_problem(title: str, message: str) -> None:
    # (A first paragraph, so that `meta` does not read a lead-in as a header.)
    page = convert(f"Intro.\n\n{title}\n\n- [ ] One\n- [ ] Two\n")
    [found] = problems(page)
    assert message in found
    # The line quoted is the list's first, as for a wrong pin on a title.
    note = page.select_one(".checklist-problem")
    assert note["data-checklist-source-line"] == "- [ ] One"


def test_a_class_on_a_heading_stays_the_headings_own() -> None:
    page = convert("## Steps {: .wide }\n\n- [ ] One\n")
    assert problems(page) == []
    assert page.find("h2")["class"] == ["wide"]


def test_a_checklists_record_counts_its_time_limits() -> None:
    html, _ = convert_with_records(
        """
        ## Steps {: start="When was the interview?" }

        - [ ] One {: within="1 day" }
        - [ ] Two
            - [ ] Three {: within="2 hours" }
        """
    )
    [(record, _)] = records_in(html)
    assert record.timed == 2
    assert record.start == "When was the interview?"
    html, _ = convert_with_records("## Steps\n\n- [ ] One {: within='1 day' }\n")
    [(record, _)] = records_in(html)
    assert record.start == "When do the time limits start?"


def test_a_title_and_a_notes_prompt_read_as_written_with_ampersands() -> None:
    """An `&` the author wrote, or an entity, shows once decoded, as in the text."""
    page = convert(
        """
        ## Pens &amp;amp; paper, R&D {: notes="Q&amp;A &amp;amp; more" }

        - [ ] Bring both {: notes="Tom &amp; Jerry &amp;amp; co" }
        """
    )
    heading = page.find("h2").get_text()
    assert heading == "Pens &amp; paper, R&D"
    assert page.find("legend").get_text() == heading
    labels = [label.get_text() for label in page.select(".checklist__notes label")]
    assert labels == ["Tom & Jerry &amp; co", "Q&A &amp; more"]
