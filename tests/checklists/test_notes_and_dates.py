"""Notes, time limits, the calendar file and reworded items, in Chromium.

The real post "After an informational interview" has a notes box and a timed
item; the fixture post "Your first week in a new job" (fixtures/site/) has
fifteen items, three time limits and a notes box. Both are served over http on
127.0.0.1 with the site's own Content-Security-Policy.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from icalendar import Calendar
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.checklists.conftest import FIXTURES, build_site
from tests.checklists.pages import (
    KEY_PREFIX,
    checklist,
    pdf_text,
    saved,
    tab_to,
    ticked,
)
from tests.server import SiteServer

AFTER = "/posts/informational-interviews-after/"
AFTER_ID = "after-an-informational-interview"
AFTER_KEY = KEY_PREFIX + AFTER_ID
IMPRESSIONS = (
    "Your impressions: what surprised you, and what do you still want to know?"
)
TIMED = "/posts/timed-steps/"
TIMED_ID = "timed-steps--your-first-week"
STARTED = "When did you start?"
NO_PRINT_DIALOG = "window.print = () => {}"  # the dialog itself is the browser's


def status(page: Page, checklist_id: str):
    return checklist(page, checklist_id).get_by_role("status")


# --- Notes ---------------------------------------------------------------------


def test_a_note_is_saved_soon_after_the_reader_pauses(page: Page) -> None:
    page.goto(AFTER)
    box = page.get_by_role("textbox", name=IMPRESSIONS)
    box.fill("They moved from teaching into research.\nAsk about the team.")
    expect(status(page, AFTER_ID)).to_have_text("Notes saved in this browser.")
    assert saved(page, AFTER_KEY)["notes"] == {
        "": "They moved from teaching into research.\nAsk about the team."
    }
    page.reload()
    expect(box).to_have_value(
        "They moved from teaching into research.\nAsk about the team."
    )


def test_leaving_the_page_right_after_typing_loses_nothing(page: Page) -> None:
    page.goto(AFTER)
    page.get_by_role("textbox", name=IMPRESSIONS).fill("Ask Sam about the team")
    # Before the pause is over, nothing is saved yet; leaving the page saves it.
    assert saved(page, AFTER_KEY) in (
        None,
        {"checked": [], "unchecked": [], "notes": {}},
    )
    page.goto("/")
    page.goto(AFTER)
    expect(page.get_by_role("textbox", name=IMPRESSIONS)).to_have_value(
        "Ask Sam about the team"
    )


def test_closing_the_tab_right_after_typing_loses_nothing(
    context: BrowserContext,
) -> None:
    first = context.new_page()
    first.goto(AFTER)
    first.get_by_role("textbox", name=IMPRESSIONS).fill("Written just before closing")
    first.close()
    second = context.new_page()
    second.goto(AFTER)
    expect(second.get_by_role("textbox", name=IMPRESSIONS)).to_have_value(
        "Written just before closing"
    )


def test_a_long_note_is_kept_whole(page: Page) -> None:
    note = "\n".join(f"{n}. Something they said about the work." for n in range(300))
    assert len(note) >= 10_000
    page.goto(AFTER)
    page.get_by_role("textbox", name=IMPRESSIONS).fill(note)
    expect(status(page, AFTER_ID)).to_have_text("Notes saved in this browser.")
    page.reload()
    assert page.get_by_role("textbox", name=IMPRESSIONS).input_value() == note


def test_an_items_note_is_kept_by_its_item(page: Page) -> None:
    page.goto("/posts/informational-interviews-the-meeting/")
    box = page.get_by_role("textbox", name="Names, resources and advice they mentioned")
    box.fill("Read the sector report")
    expect(status(page, "during-an-informational-interview")).to_have_text(
        "Notes saved in this browser."
    )
    record = saved(page, KEY_PREFIX + "during-an-informational-interview")
    assert record["notes"] == {
        "take-brief-notes-of-names-resources-and-advice": "Read the sector report"
    }


def test_notes_are_shared_with_the_printable_page_and_other_tabs(
    context: BrowserContext,
) -> None:
    post = context.new_page()
    post.goto(AFTER)
    sheet = context.new_page()
    sheet.goto(f"/checklists/{AFTER_ID}/")
    post.get_by_role("textbox", name=IMPRESSIONS).fill("Typed on the post")
    expect(sheet.get_by_role("textbox", name=IMPRESSIONS)).to_have_value(
        "Typed on the post"
    )
    sheet.get_by_role("textbox", name=IMPRESSIONS).fill("Typed on the printable page")
    expect(post.get_by_role("textbox", name=IMPRESSIONS)).to_have_value(
        "Typed on the printable page"
    )


FULL_AFTER_THE_START = """
const setItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (key.includes(":v2:after-")) {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  }
  return setItem.call(this, key, value);
};
"""


def test_when_storage_fills_up_the_note_stays_on_screen_and_the_reader_is_told(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url)
    context.add_init_script(FULL_AFTER_THE_START)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(AFTER)
    box = page.get_by_role("textbox", name=IMPRESSIONS)
    box.fill("Worth keeping")
    expect(status(page, AFTER_ID)).to_have_text(
        "Could not save: this browser's storage is full or turned off."
    )
    note = checklist(page, AFTER_ID).locator("[data-checklist-storage-note]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("cannot keep your ticks or notes")
    expect(box).to_have_value("Worth keeping")
    assert errors == []
    context.close()


def test_without_javascript_no_notes_box_pretends_to_save(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(AFTER)
    expect(page.locator(".checklist textarea")).to_be_hidden()
    expect(page.get_by_text(IMPRESSIONS)).to_be_hidden()
    expect(page.locator(".checklist__start")).to_be_hidden()
    # The time limit is the author's text, and shows.
    expect(page.get_by_text("within 24 hours")).to_be_visible()
    context.close()


def test_a_version_1_record_is_carried_over_with_nothing_lost(page: Page) -> None:
    page.goto(AFTER)
    # As the version 1 script saved it: every box's value, ticked or not, in page
    # order, under the v1 key. "Send a thank-you note within a day" was the
    # thank-you item's text then; it has since been reworded.
    v1 = {
        "checked": [
            "write-up-your-notes-the-same-day",
            "send-a-thank-you-note-within-a-day",
            "send-a-thank-you-note-within-a-day--keep-it-to-a-few-short-paragraphs",
        ],
        "unchecked": [
            "send-a-thank-you-note-within-a-day--mention-one-specific-thing-you-learned",
            "send-a-thank-you-note-within-a-day--say-how-you-plan-to-use-their-advice",
            "reply-to-any-introduction-within-a-day-or-two",
            "read-any-materials-they-sent-and-tell-them-you-have",
            "add-them-to-your-contact-record",
            "set-a-reminder-to-send-an-update-in-a-few-months",
            "look-back-at-the-questions-you-prepared-and-note-which-worked-best",
        ],
    }
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, JSON.stringify(value))",
        ["nextsteps:checklist:v1:" + AFTER_ID, v1],
    )
    page.reload()
    expect(
        page.get_by_role("checkbox", name="Keep it to a few short paragraphs")
    ).to_be_checked()
    assert ticked(page, AFTER_ID) == [
        "Write up your notes the same day",
        "Send a thank-you note within 24 hours",
        "Keep it to a few short paragraphs",
    ]
    expect(checklist(page, AFTER_ID).locator("[data-checklist-progress]")).to_have_text(
        "3 of 10 done"
    )
    assert saved(page, "nextsteps:checklist:v1:" + AFTER_ID) is None
    record = saved(page, AFTER_KEY)
    assert set(record["checked"]) == {
        "write-up-your-notes-the-same-day",
        "send-a-thank-you-note",
        "send-a-thank-you-note--keep-it-to-a-few-short-paragraphs",
    }
    assert len(record["unchecked"]) == 7 and record["notes"] == {}


# --- Rewording --------------------------------------------------------------------


def test_a_reworded_item_keeps_its_tick_and_note_unless_in_doubt(
    browser: Browser, tmp_path: Path
) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    build_site(FIXTURES / "reword" / "v1", content, output)
    with SiteServer(output) as server:
        context = browser.new_context(base_url=server.url)
        page = context.new_page()
        page.goto("/posts/follow-up/")
        for box in page.get_by_role("checkbox").all():
            box.check()
        page.get_by_role("textbox", name="The one thing you will mention").fill(
            "The portfolio advice"
        )
        expect(status(page, "follow-up--after-the-conversation")).to_have_text(
            "Notes saved in this browser."
        )

        # A typo fixed, a clause added, two items reworded in one edit, one
        # reworded while another is removed, and two items merged into one.
        build_site(FIXTURES / "reword" / "v2", content, output)
        page.reload()
        kept = [
            "Write up your notes the same day",
            "Send a thank-you note, by email if you can",
            "Read any materials they sent you",
            "Add them to your contact record",
            "Reply quickly to any introduction they make",
        ]
        for name in kept:
            expect(page.get_by_role("checkbox", name=name)).to_be_checked()
        # Alike to two old items: in doubt, no tick is carried over.
        expect(
            page.get_by_role("checkbox", name="Ask about the team and the role")
        ).not_to_be_checked()
        expect(
            page.get_by_role("textbox", name="The one thing you will mention")
        ).to_have_value("The portfolio advice")
        record = saved(page, KEY_PREFIX + "follow-up--after-the-conversation")
        assert record["notes"] == {
            "send-a-thank-you-note-by-email-if-you-can": "The portfolio advice"
        }
        # The ticks nothing took over stay with their old ids, unseen.
        assert {"water-the-plants", "ask-about-the-team", "ask-about-the-role"} <= set(
            record["checked"]
        )
        context.close()


# --- Time limits ------------------------------------------------------------------

ZONES = {
    # Winter in London: 24 hours and a day are the same.
    "Europe/London": (
        "en-GB",
        "2026-12-01T10:00",
        [
            "within 24 hours, by Wed 2 Dec, 10:00",
            "within 2 days, by Thu 3 Dec, 10:00",
            "within 1 week, by Tue 8 Dec, 10:00",
        ],
        ["2026-12-02T10:00", "2026-12-03T10:00", "2026-12-08T10:00"],
    ),
    # New York's clocks go forward on 8 March 2026: 24 hours later is 11:00,
    # while two days later is 10:00 again.
    "America/New_York": (
        "en-US",
        "2026-03-07T10:00",
        [
            "within 24 hours, by Sun, Mar 8, 11:00 AM",
            "within 2 days, by Mon, Mar 9, 10:00 AM",
            "within 1 week, by Sat, Mar 14, 10:00 AM",
        ],
        ["2026-03-08T15:00", "2026-03-09T14:00", "2026-03-14T14:00"],
    ),
}


@pytest.fixture(params=list(ZONES))
def zone(request: pytest.FixtureRequest, browser: Browser, checklist_site: str):
    """Yield a page of the fixture site in one time zone and language."""
    locale, start, shown, utc = ZONES[request.param]
    context = browser.new_context(
        base_url=checklist_site,
        timezone_id=request.param,
        locale=locale,
        accept_downloads=True,
    )
    page = context.new_page()
    page.goto(TIMED)
    yield page, start, shown, [datetime.fromisoformat(t + "+00:00") for t in utc]
    context.close()


def limits(page: Page):
    return page.locator(".checklist__due")


def test_time_limits_show_dates_in_the_readers_zone_and_language(zone) -> None:
    page, start, shown, _ = zone
    expect(limits(page)).to_have_text(
        ["within 24 hours", "within 2 days", "within 1 week"]
    )
    page.get_by_label(STARTED).fill(start)
    page.get_by_role("button", name="Show dates").click()
    expect(limits(page)).to_have_text(shown)
    expect(status(page, TIMED_ID)).to_contain_text("Dates counted from")
    # A screen reader hears the date with the item.
    expect(
        page.get_by_role("checkbox", name=re.compile(re.escape(shown[0]) + "$"))
    ).to_have_count(1)
    # The moment is saved with the checklist, and every date follows it.
    page.reload()
    expect(limits(page)).to_have_text(shown)
    assert page.get_by_label(STARTED).input_value() == start


def test_the_start_question_defaults_to_now(zone) -> None:
    page = zone[0]
    shown = page.get_by_label(STARTED).input_value()
    now = page.evaluate("Date.now()")
    asked = page.evaluate("value => new Date(value).getTime()", shown)
    assert abs(now - asked) < 2 * 60_000
    assert saved(page, KEY_PREFIX + TIMED_ID) in (
        None,
        {"checked": [], "unchecked": [], "notes": {}},
    )


def read_calendar(page: Page) -> Calendar:
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Add to calendar").click()
    download = downloading.value
    assert download.suggested_filename == f"{TIMED_ID}.ics"
    return Calendar.from_ical(Path(download.path()).read_bytes())


def test_the_calendar_file_has_an_event_and_alarm_for_each_timed_item(zone) -> None:
    page, start, _, due = zone
    page.get_by_label(STARTED).fill(start)
    calendar = read_calendar(page)
    expect(status(page, TIMED_ID)).to_have_text(
        "Calendar file downloaded, with 3 reminders: open it to add them to your "
        "calendar."
    )
    events = calendar.walk("VEVENT")
    host = re.sub(r"^https?://", "", page.url.split("/posts/")[0])
    assert [str(event["UID"]) for event in events] == [
        f"{TIMED_ID}--thank-the-person-who-hired-you-and-tell-them-how-the-first-day-went@{host}",
        f"{TIMED_ID}--fill-in-the-forms-for-pay-tax-and-the-pension-scheme-before-the-deadline@{host}",
        f"{TIMED_ID}--take-one-small-task-through-from-start-to-finish-and-share-the-result@{host}",
    ]
    assert [event.decoded("DTSTART") for event in events] == due
    assert str(events[0]["SUMMARY"]) == (
        "Thank the person who hired you, and tell them how the first day went"
    )
    address = page.url.split("/posts/")[0] + f"/checklists/{TIMED_ID}/"
    assert all(str(event["URL"]) == address for event in events)
    assert address in str(events[0]["DESCRIPTION"])
    triggers = [event.walk("VALARM")[0].decoded("TRIGGER") for event in events]
    assert triggers == [timedelta(hours=-1), timedelta(days=-1), timedelta(days=-1)]
    # A second file updates the same events: the same UIDs, a SEQUENCE not lower.
    again = read_calendar(page).walk("VEVENT")
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]
    assert all(
        int(new["SEQUENCE"]) >= int(old["SEQUENCE"])
        for new, old in zip(again, events, strict=True)
    )


def test_the_calendar_file_counts_from_now_when_no_moment_was_given(zone) -> None:
    page = zone[0]
    before = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    first = read_calendar(page).walk("VEVENT")[0].decoded("DTSTART")
    assert (
        before + timedelta(hours=24) <= first <= before + timedelta(hours=24, minutes=3)
    )
    assert saved(page, KEY_PREFIX + TIMED_ID)["start"]


def test_dates_and_the_calendar_work_from_the_keyboard(zone) -> None:
    page, start, shown, _ = zone
    field = page.get_by_label(STARTED)
    field.focus()
    field.fill(start)
    show = page.get_by_role("button", name="Show dates")
    # Tab goes through the field's own parts (day, month, year, time) first.
    tab_to(page, show)
    page.keyboard.press("Enter")
    expect(limits(page)).to_have_text(shown)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Add to calendar")).to_be_focused()
    with page.expect_download():
        page.keyboard.press("Enter")
    expect(status(page, TIMED_ID)).to_contain_text("Calendar file downloaded")
    notes = page.get_by_role(
        "textbox", name="What do you want to ask your manager at the end of the week?"
    )
    tab_to(page, notes)
    page.keyboard.type("How am I doing?")
    expect(status(page, TIMED_ID)).to_have_text("Notes saved in this browser.")


# --- Print ---------------------------------------------------------------------------


def test_paper_gives_lines_and_blanks_or_the_readers_notes_and_dates(
    browser: Browser, checklist_site: str
) -> None:
    context = browser.new_context(
        base_url=checklist_site, locale="en-GB", timezone_id="Europe/London"
    )
    page = context.new_page()
    page.goto(TIMED)
    page.evaluate(NO_PRINT_DIALOG)
    note = " ".join(f"Point {n} to raise with my manager." for n in range(60))
    page.get_by_role(
        "textbox", name="What do you want to ask your manager at the end of the week?"
    ).fill(note)
    page.get_by_label(STARTED).fill("2026-12-01T10:00")
    page.get_by_role("button", name="Show dates").click()

    timed = checklist(page, TIMED_ID)
    timed.get_by_role("button", name="Print", exact=True).click()
    [sheet] = pdf_text(page, "A4")
    assert "within 24 hours, by ________" in sheet
    assert "Point 1 to raise" not in sheet
    assert "What do you want to ask your manager at the end of the week?" in sheet
    page.emulate_media(media="print")
    lines = timed.locator(".checklist__fieldset > .checklist__notes > div").evaluate(
        """paper => [getComputedStyle(paper).backgroundImage,
                     paper.getBoundingClientRect().height]"""
    )
    assert lines[0].startswith("repeating-linear-gradient") and lines[1] > 90
    page.emulate_media(media="null")  # page.pdf() then prints in print media again

    timed.get_by_role("button", name="Print with my ticks").click()
    sheets = pdf_text(page, "A4")
    whole = " ".join(sheets)
    assert "within 24 hours, by Wed 2 Dec, 10:00" in whole
    assert "within 1 week, by Tue 8 Dec, 10:00" in whole
    assert note in whole  # wrapped, never cut off
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    # Printing by the browser's own menu: lines and blanks, as on a blank sheet.
    page.emulate_media(media="print")
    expect(
        timed.locator(".checklist__fieldset > .checklist__notes > div")
    ).to_have_text("")
    context.close()


def test_axe_finds_nothing_with_notes_and_dates(
    page: Page, checklist_site: str
) -> None:
    axe = Axe()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(checklist_site + TIMED)
        page.get_by_role("button", name="Show dates").click()
        page.get_by_role(
            "textbox",
            name="What do you want to ask your manager at the end of the week?",
        ).fill("A question")
        result = axe.run(page)
        assert result.violations_count == 0, f"{scheme}:\n{result.generate_report()}"


def test_storage_holds_only_this_sites_checklist_records(page: Page) -> None:
    page.goto(AFTER)
    page.get_by_role("textbox", name=IMPRESSIONS).fill("Kept here")
    expect(status(page, AFTER_ID)).to_have_text("Notes saved in this browser.")
    keys = json.loads(page.evaluate("JSON.stringify(Object.keys(localStorage))"))
    assert keys == [AFTER_KEY]
