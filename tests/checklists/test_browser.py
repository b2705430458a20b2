"""Checklists in Chromium, as readers use them, over http on 127.0.0.1.

The real site (conftest's `site` build, `page` and `base_url`) and the
edge-case fixture site (`checklist_site`) are served with the site's own
Content-Security-Policy, so the script runs exactly as it will in production.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.checklists.conftest import FIXTURES, build_site
from tests.checklists.pages import KEY_PREFIX, checklist, pdf_text, saved, ticked
from tests.server import SiteServer

POST = "/posts/informational-interviews-preparing/"
RESEARCH = "informational-interviews-preparing--research-checklist"
RESEARCH_KEY = KEY_PREFIX + RESEARCH
TWO_CHECKLISTS = "/posts/before-a-job-fair/"
PAPER = ("A4", "Letter")


# --- Ticks are kept ----------------------------------------------------------


def test_a_tick_survives_a_reload(page: Page) -> None:
    page.goto(POST)
    box = page.get_by_role(
        "checkbox", name="Check for recent news about the organisation"
    )
    expect(box).not_to_be_checked()
    box.click()
    page.reload()
    expect(box).to_be_checked()
    # Saved by item id, under a versioned key per checklist: never positions.
    assert saved(page, RESEARCH_KEY)["checked"] == [
        "check-for-recent-news-about-the-organisation"
    ]
    assert len(saved(page, RESEARCH_KEY)["unchecked"]) == 6
    # The other checklist on the page has its own key and is untouched.
    other = KEY_PREFIX + "informational-interviews-preparing--questions-to-prepare"
    assert saved(page, other) is None


def test_progress_is_counted_and_announced(page: Page) -> None:
    page.goto(POST)
    progress = checklist(page, RESEARCH).locator("[data-checklist-progress]")
    expect(progress).to_have_text("0 of 7 done")
    expect(progress).to_have_attribute("aria-live", "polite")
    labels = checklist(page, RESEARCH).locator(".checklist__label")
    labels.nth(0).click()
    labels.nth(3).click()
    expect(progress).to_have_text("2 of 7 done")
    labels.nth(0).click()
    expect(progress).to_have_text("1 of 7 done")


def test_keyboard_alone_completes_a_checklist(page: Page) -> None:
    page.goto(POST)
    first = checklist(page, RESEARCH).locator(".checklist__input").first
    for _ in range(80):
        page.keyboard.press("Tab")
        if first.evaluate("box => box === document.activeElement"):
            break
    else:
        pytest.fail("Tab never reached the checklist's first checkbox")
    # The focused box shows a visible focus ring.
    ring = first.evaluate(
        """box => getComputedStyle(box.labels[0], "::before").outlineStyle"""
    )
    assert ring == "solid"
    boxes = checklist(page, RESEARCH).locator(".checklist__input")
    for index in range(7):
        expect(boxes.nth(index)).to_be_focused()
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    expect(checklist(page, RESEARCH).locator("[data-checklist-progress]")).to_have_text(
        "All 7 done"
    )
    page.reload()
    assert len(ticked(page, RESEARCH)) == 7


def test_reset_clears_the_ticks_and_offers_undo(page: Page) -> None:
    page.goto(POST)
    research = checklist(page, RESEARCH)
    research.locator(".checklist__label").nth(1).click()
    research.locator(".checklist__label").nth(2).click()
    research.get_by_role("button", name="Reset").click()
    assert ticked(page, RESEARCH) == []
    assert saved(page, RESEARCH_KEY) == {"checked": [], "unchecked": [], "notes": {}}
    expect(research.locator("[data-checklist-progress]")).to_have_text("0 of 7 done")
    undo = research.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    undo.click()
    assert len(ticked(page, RESEARCH)) == 2
    expect(undo).to_be_hidden()
    expect(research.get_by_role("button", name="Reset")).to_be_focused()
    page.reload()
    assert len(ticked(page, RESEARCH)) == 2


def test_two_tabs_stay_in_step(context: BrowserContext, base_url: str) -> None:
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(base_url + POST)
    first.get_by_role(
        "checkbox", name="Leave their personal life out of your research"
    ).check()
    expect(
        second.get_by_role(
            "checkbox", name="Leave their personal life out of your research"
        )
    ).to_be_checked()
    expect(
        checklist(second, RESEARCH).locator("[data-checklist-progress]")
    ).to_have_text("1 of 7 done")
    first.get_by_role("button", name="Reset").first.click()
    expect(
        second.get_by_role(
            "checkbox", name="Leave their personal life out of your research"
        )
    ).not_to_be_checked()


def test_the_printable_page_shares_the_posts_ticks_and_back_shows_them(
    page: Page,
) -> None:
    page.goto(POST)
    page.get_by_role(
        "checkbox", name="Check for recent news about the organisation"
    ).check()
    page.get_by_role("link", name="Printable page for “Research checklist”").click()
    expect(page).to_have_url(re.compile(f"/checklists/{RESEARCH}/$"))
    news = page.get_by_role(
        "checkbox", name="Check for recent news about the organisation"
    )
    expect(news).to_be_checked()
    news.uncheck()
    page.go_back()
    # Back on the post (from the back/forward cache or not), the state is current.
    expect(
        page.get_by_role(
            "checkbox", name="Check for recent news about the organisation"
        )
    ).not_to_be_checked()


def test_the_script_starts_once_even_if_loaded_twice(page: Page) -> None:
    page.goto(POST)
    page.evaluate(
        """() => new Promise((done) => {
            const again = document.createElement("script");
            again.src = document.querySelector('script[src*="/checklists/"]').src;
            again.onload = done;
            document.head.append(again);
        })"""
    )
    research = checklist(page, RESEARCH)
    research.locator(".checklist__label").nth(0).click()
    research.locator(".checklist__label").nth(4).click()
    # A second start would reset twice, and Undo would bring back nothing.
    research.get_by_role("button", name="Reset").click()
    research.get_by_role("button", name="Undo").click()
    assert len(ticked(page, RESEARCH)) == 2


# --- When storage lets the reader down --------------------------------------


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        '{"checked": 5}',
        "[]",
        "null",
        '{"checked": [], "unchecked": [], "notes": null}',
        '{"checked": [], "unchecked": [], "notes": {"x": 5}}',
        '{"checked": [], "unchecked": [], "notes": {}, "start": "soon"}',
    ],
    ids=[
        "not-json",
        "wrong-shape",
        "a-list",
        "null",
        "notes-null",
        "a-note-not-text",
        "start-not-a-time",
    ],
)
def test_unreadable_storage_is_replaced_not_thrown_on(page: Page, stored: str) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(POST)
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)", [RESEARCH_KEY, stored]
    )
    page.reload()
    expect(checklist(page, RESEARCH).locator("[data-checklist-progress]")).to_have_text(
        "0 of 7 done"
    )
    assert saved(page, RESEARCH_KEY) == {"checked": [], "unchecked": [], "notes": {}}
    page.get_by_role(
        "checkbox", name="Check for recent news about the organisation"
    ).check()
    assert saved(page, RESEARCH_KEY)["checked"] == [
        "check-for-recent-news-about-the-organisation"
    ]
    assert errors == []


def test_ticks_of_removed_items_are_kept_but_not_shown(page: Page) -> None:
    page.goto(POST)
    stale = {
        "checked": [
            "an-item-the-author-removed",
            "check-for-recent-news-about-the-organisation",
        ],
        "unchecked": [],
        "notes": {"an-item-the-author-removed": "Its note"},
    }
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [RESEARCH_KEY, json.dumps(stale)],
    )
    page.reload()
    assert ticked(page, RESEARCH) == ["Check for recent news about the organisation"]
    # Should the author put the item back, it returns with its tick and note.
    page.get_by_role("checkbox", name="Read the organisation's own description").check()
    state = saved(page, RESEARCH_KEY)
    assert "an-item-the-author-removed" in state["checked"]
    assert state["notes"] == {"an-item-the-author-removed": "Its note"}


STORAGE_OFF = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
});
"""
STORAGE_FULL = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


@pytest.mark.parametrize("script", [STORAGE_OFF, STORAGE_FULL], ids=["off", "full"])
def test_without_storage_the_checklist_works_for_the_visit(
    browser: Browser, base_url: str, script: str
) -> None:
    context = browser.new_context(base_url=base_url)
    context.add_init_script(script)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(POST)
    research = checklist(page, RESEARCH)
    note = research.locator("[data-checklist-storage-note]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("cannot keep your ticks or notes")
    research.locator(".checklist__label").nth(2).click()
    expect(research.locator("[data-checklist-progress]")).to_have_text("1 of 7 done")
    research.get_by_role("button", name="Reset").click()
    expect(research.locator("[data-checklist-progress]")).to_have_text("0 of 7 done")
    assert errors == []
    context.close()


def test_without_javascript_the_boxes_tick_and_no_control_shows(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto(POST)
    box = page.get_by_role(
        "checkbox", name="Check for recent news about the organisation"
    )
    expect(box).to_be_visible()
    box.click()
    expect(box).to_be_checked()
    for selector in ("[data-checklist-controls]", "button", ".checklist__footer"):
        expect(page.locator(f".checklist {selector}").first).to_be_hidden()
    expect(
        page.get_by_role("link", name="Printable page for “Research checklist”")
    ).to_be_visible()
    context.close()


# --- Phones ------------------------------------------------------------------


def test_at_320_pixels_wide_nothing_overflows_and_targets_are_large(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(
        base_url=base_url, viewport={"width": 320, "height": 640}, has_touch=True
    )
    page = context.new_page()
    page.goto("/posts/informational-interviews-after/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for element in page.locator(".checklist__input, .checklist__button:visible").all():
        size = element.bounding_box()
        assert size["width"] >= 44 and size["height"] >= 44, size
    # Tapping the text ticks the box.
    page.get_by_text("Add them to your contact record").tap()
    expect(
        page.get_by_role("checkbox", name="Add them to your contact record")
    ).to_be_checked()
    context.close()


# --- Accessibility -------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_on_a_post_and_a_printable_page(
    page: Page, scheme: str
) -> None:
    page.emulate_media(color_scheme=scheme)
    axe = Axe()
    for path in (POST, f"/checklists/{RESEARCH}/"):
        page.goto(path)
        research = checklist(page, RESEARCH)
        research.locator(".checklist__label").nth(0).click()
        research.get_by_role("button", name="Reset").click()  # the Undo note shows
        result = axe.run(page)
        assert result.violations_count == 0, f"{path}:\n{result.generate_report()}"


# --- Print -------------------------------------------------------------------


def test_print_hides_the_controls_and_keeps_the_boxes(page: Page) -> None:
    page.goto(POST)
    page.emulate_media(media="print")
    research = checklist(page, RESEARCH)
    for selector in (
        "[data-checklist-controls]",
        ".checklist__link",
        ".checklist__footer",
    ):
        expect(research.locator(selector)).to_be_hidden()
    expect(page.locator(".site-nav")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    box = research.locator(".checklist__label").first.evaluate(
        """label => {
            const box = getComputedStyle(label, "::before");
            return [box.borderTopStyle, box.borderTopColor, box.width];
        }"""
    )
    assert box[0] == "solid" and box[1] == "rgb(0, 0, 0)" and box[2] != "0px"


def test_print_button_prints_that_checklist_alone(
    fixture_context: BrowserContext,
) -> None:
    page = fixture_context.new_page()
    page.goto(TWO_CHECKLISTS)
    page.evaluate("window.print = () => {}")  # the dialog itself is the browser's
    second = checklist(page, "before-a-job-fair--on-the-day-remember-to")
    second.locator(".checklist__label").first.click()
    second.get_by_role("button", name="Print with my ticks").click()
    [sheet] = pdf_text(page, "A4")
    # The kicker (in capitals) and the title the legend gives the sheet.
    assert sheet.startswith("NEXT STEPS · CHECKLIST On the day, remember to")
    assert "Walk the whole hall once" in sheet
    assert "Copies of your CV" not in sheet  # the other checklist
    assert "A job fair rewards the people" not in sheet  # the post's text
    assert "Print with my ticks" not in sheet and "Printable page" not in sheet
    assert re.search(r"http://127\.0\.0\.1:\d+/posts/before-a-job-fair/", sheet)
    assert re.search(r"Printed on \w", sheet)
    # After printing, the page is the whole post again.
    expect(page.locator("h1")).to_be_visible()
    assert (
        page.evaluate("document.querySelector('[data-checklist-print-path]')") is None
    )


def test_a_link_in_an_item_prints_as_its_text(fixture_context: BrowserContext) -> None:
    page = fixture_context.new_page()
    page.goto(TWO_CHECKLISTS)
    page.evaluate("window.print = () => {}")
    bag = checklist(page, "before-a-job-fair--pack-your-bag")
    bag.get_by_role("button", name="Print", exact=True).click()
    [sheet] = pdf_text(page, "Letter")
    # As on the printable page: no address after the link (the theme adds one
    # to links in a post's text).
    assert "Your notes on each employer A phone charger" in sheet


def test_print_with_ticks_shows_them_and_print_shows_empty_boxes(
    fixture_context: BrowserContext,
) -> None:
    page = fixture_context.new_page()
    page.goto("/checklists/nine-steps--nine-steps/")
    page.evaluate("window.print = () => {}")
    page.locator(".checklist__label").first.click()

    def tick_drawn() -> str:
        return page.locator(".checklist__label").first.evaluate(
            """label => getComputedStyle(label, "::after").display"""
        )

    page.get_by_role("button", name="Print with my ticks").click()
    page.emulate_media(media="print")
    assert tick_drawn() == "block"
    page.emulate_media(media="screen")
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    page.get_by_role("button", name="Print", exact=True).click()
    page.emulate_media(media="print")
    assert tick_drawn() == "none"


@pytest.mark.parametrize("paper", PAPER)
def test_up_to_fifteen_items_print_on_one_page(
    fixture_context: BrowserContext, paper: str
) -> None:
    page = fixture_context.new_page()
    for path, items in (
        ("/checklists/nine-steps--nine-steps/", 9),
        ("/checklists/fifteen-steps--before-you-accept/", 15),
        # Fifteen items, three time limits and a notes box to write in.
        ("/checklists/timed-steps--your-first-week/", 15),
    ):
        page.goto(path)
        sheets = pdf_text(page, paper)
        assert len(sheets) == 1, f"{path} on {paper}: {len(sheets)} pages"
        labels = page.locator(".checklist__label").all_text_contents()
        assert len(labels) == items
        assert all(" ".join(label.split()) in sheets[0] for label in labels)
        assert "From “" in sheets[0] and "no substitute for advice" in sheets[0]


@pytest.mark.parametrize("paper", PAPER)
def test_every_real_checklist_prints_on_one_page(page: Page, site, paper: str) -> None:
    printable = sorted(site.output.glob("checklists/*/index.html"))
    assert len(printable) == 6
    for file in printable:
        page.goto(f"/checklists/{file.parent.name}/")
        assert len(pdf_text(page, paper)) == 1, f"{file.parent.name} on {paper}"


@pytest.mark.parametrize("paper", PAPER)
def test_sixty_items_print_with_no_item_cut_across_pages(
    fixture_context: BrowserContext, paper: str
) -> None:
    page = fixture_context.new_page()
    page.goto("/checklists/sixty-small-steps--sixty-small-steps/")
    sheets = pdf_text(page, paper)
    assert len(sheets) >= 2
    labels = [
        " ".join(t.split())
        for t in page.locator(".checklist__label").all_text_contents()
    ]
    assert len(labels) == 60
    for label in labels:
        whole = [number for number, sheet in enumerate(sheets) if label in sheet]
        assert len(whole) == 1, f"{label!r} is not whole on one page ({paper})"


# --- Rebuilds ------------------------------------------------------------------


def test_ticks_stay_on_their_items_when_the_author_rewrites_the_list(
    browser: Browser, tmp_path: Path
) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    build_site(FIXTURES / "reorder" / "v1", content, output)
    with SiteServer(output) as server:
        context = browser.new_context(base_url=server.url)
        page = context.new_page()
        page.goto("/posts/trip/")
        for name in (
            "Print the tickets",
            "Book a taxi",
            "Tell a friend when you leave",
        ):
            page.get_by_role("checkbox", name=name).check()

        # The author reorders the items, adds one, removes one and rewords one
        # (whose id is pinned), and the site is built again in the same place.
        build_site(FIXTURES / "reorder" / "v2", content, output)
        page.reload()
        assert ticked(page, "trip--before-the-trip") == [
            "Let someone know your travel times",
            "Print the tickets",
        ]
        expect(page.locator("[data-checklist-progress]")).to_have_text("2 of 5 done")
        page.get_by_role("checkbox", name="Check the weather forecast").check()
        state = saved(page, KEY_PREFIX + "trip--before-the-trip")
        # The removed item's tick stays in the record, unseen, should it return.
        assert sorted(state["checked"]) == [
            "book-a-taxi",
            "check-the-weather-forecast",
            "print-the-tickets",
            "tell-a-friend",
        ]
        context.close()
