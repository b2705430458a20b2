"""A reader's checklists on another device: export, import and progress links.

The real site in Chromium over http on 127.0.0.1. A file or a link is untrusted
input: every bad one must change nothing and say why, and nothing in one may ever
run as script or reach anything but this site's own checklist records.
"""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.checklists.pages import KEY_PREFIX, checklist, saved, tab_to

RESEARCH = "informational-interviews-preparing--research-checklist"
RESEARCH_PAGE = f"/checklists/{RESEARCH}/"
AFTER = "after-an-informational-interview"
POST = "/posts/informational-interviews-preparing/"
NEWS = "check-for-recent-news-about-the-organisation"
MARKUP = '<img src=x onerror="window.pwned = 1">'


def record(checked: list[str], notes: dict | None = None) -> dict:
    return {"checked": checked, "unchecked": [], "notes": notes or {}}


def store(page: Page, checklist_id: str, value: dict) -> None:
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, JSON.stringify(value))",
        [KEY_PREFIX + checklist_id, value],
    )


def status(page: Page):
    return page.locator("[data-checklists-status]")


def a_file(value: object) -> dict:
    text = value if isinstance(value, str) else json.dumps(value)
    return {
        "name": "my-checklists.json",
        "mimeType": "application/json",
        "buffer": text.encode() if isinstance(text, str) else text,
    }


def export_file(checklists: dict, version: int = 1) -> dict:
    return {
        "format": "next-steps-checklists",
        "version": version,
        "exported": "2026-11-30T10:00:00.000Z",
        "checklists": checklists,
    }


def link(base_url: str, checklist_id: str, value: dict, version: int = 1) -> str:
    payload = json.dumps({"v": version, "id": checklist_id, "r": value}).encode()
    encoded = base64.urlsafe_b64encode(payload).decode().rstrip("=")
    return f"{base_url}/checklists/{RESEARCH}/#progress={encoded}"


@pytest.fixture
def errors(page: Page) -> list[str]:
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on("dialog", lambda dialog: found.append(f"dialog: {dialog.message}"))
    return found


# --- The Checklists page ---------------------------------------------------------


def test_the_checklists_page_shows_each_checklists_progress(page: Page) -> None:
    page.goto(POST)
    page.get_by_role(
        "checkbox", name="Check for recent news about the organisation"
    ).check()
    page.goto("/checklists/")
    progress = page.locator(f'[data-checklist-progress-of="{RESEARCH}"]')
    expect(progress).to_have_text("1 of 7 done")
    # A link to share only where there is progress to share.
    expect(
        page.get_by_role(
            "button", name="Copy a link with my progress for “Research checklist”"
        )
    ).to_be_visible()
    expect(
        page.get_by_role(
            "button", name="Copy a link with my progress for “Questions to prepare”"
        )
    ).to_be_hidden()


def test_export_writes_every_checklist_to_one_file(page: Page) -> None:
    page.goto("/checklists/")
    store(page, RESEARCH, record([NEWS]))
    store(page, AFTER, record([], {"": "They moved from teaching."}))
    with page.expect_download() as downloading:
        page.get_by_role("button", name="Export all my checklists").click()
    exported = json.loads(Path(downloading.value.path()).read_text())
    assert exported["format"] == "next-steps-checklists" and exported["version"] == 1
    assert exported["checklists"] == {
        RESEARCH: record([NEWS]),
        AFTER: record([], {"": "They moved from teaching."}),
    }
    expect(status(page)).to_have_text("Exported 2 checklists to my-checklists.json.")


def test_import_shows_what_it_holds_and_replaces_only_when_asked(page: Page) -> None:
    page.goto("/checklists/")
    store(
        page,
        RESEARCH,
        record(["read-their-profile-and-note-their-last-two-or-three-roles"]),
    )
    page.set_input_files(
        "[data-checklists-import]",
        a_file(
            export_file(
                {
                    RESEARCH: record([NEWS], {NEWS: "Merger announced"}),
                    "a-checklist-of-another-site": record(["x"]),
                }
            )
        ),
    )
    summary = page.locator("[data-checklists-summary]")
    expect(summary).to_contain_text("“Research checklist”: 1 tick, 1 note")
    expect(summary).to_contain_text(
        "1 checklist is not on this site and will be left out"
    )
    assert saved(page, KEY_PREFIX + RESEARCH)["checked"] != [NEWS]  # not yet
    page.get_by_role("button", name="Replace mine").click()
    expect(status(page)).to_have_text("Replaced: 1 checklist.")
    assert saved(page, KEY_PREFIX + RESEARCH) == record(
        [NEWS], {NEWS: "Merger announced"}
    )
    assert saved(page, KEY_PREFIX + "a-checklist-of-another-site") is None
    expect(page.locator(f'[data-checklist-progress-of="{RESEARCH}"]')).to_have_text(
        "1 of 7 done"
    )


def test_merging_keeps_every_tick_and_both_notes(page: Page) -> None:
    page.goto("/checklists/")
    profile = "read-their-profile-and-note-their-last-two-or-three-roles"
    store(page, RESEARCH, record([profile], {NEWS: "Mine"}))
    page.set_input_files(
        "[data-checklists-import]",
        a_file(
            export_file(
                {
                    RESEARCH: record([NEWS], {NEWS: "Theirs"}),
                }
            )
        ),
    )
    page.get_by_role("button", name="Merge with mine").click()
    expect(status(page)).to_have_text("Merged: 1 checklist.")
    merged = saved(page, KEY_PREFIX + RESEARCH)
    assert sorted(merged["checked"]) == sorted([profile, NEWS])
    assert merged["notes"] == {NEWS: "Mine\n\nTheirs"}


def test_cancel_changes_nothing(page: Page) -> None:
    page.goto("/checklists/")
    page.set_input_files(
        "[data-checklists-import]", a_file(export_file({RESEARCH: record([NEWS])}))
    )
    page.get_by_role("button", name="Cancel").click()
    expect(status(page)).to_have_text("Nothing was changed.")
    assert saved(page, KEY_PREFIX + RESEARCH) is None


BAD_FILES = {
    "not JSON": ("{not json", "it is not a file of checklists (it is not JSON)"),
    "another schema": ({"checked": []}, "it is not a file of this site's checklists"),
    "a newer version": (
        export_file({RESEARCH: record([NEWS])}, version=2),
        "it was made by a newer version of this site",
    ),
    "unknown checklists only": (
        export_file({"not-here": record(["x"])}),
        "none of its checklists is on this site",
    ),
    "a damaged record": (
        export_file({RESEARCH: {"checked": "all"}}),
        "it is damaged: one of its checklists is not a checklist's progress",
    ),
    "an id with markup": (
        export_file({RESEARCH: record([MARKUP])}),
        "it is damaged: one of its checklists is not a checklist's progress",
    ),
    "10 MB of junk": (
        b"\x00junk" * 2_000_000,
        "it is far larger than any file of checklists",
    ),
}


@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_a_bad_file_changes_nothing_and_says_why(
    page: Page, errors: list, bad: str
) -> None:
    content, reason = BAD_FILES[bad]
    page.goto("/checklists/")
    store(page, RESEARCH, record([NEWS]))
    before = page.evaluate("JSON.stringify(localStorage)")
    upload = (
        a_file(content)
        if not isinstance(content, bytes)
        else {"name": "junk.json", "mimeType": "application/json", "buffer": content}
    )
    page.set_input_files("[data-checklists-import]", upload)
    expect(status(page)).to_have_text(
        f"This file cannot be imported: {reason}. Nothing was changed."
    )
    expect(page.locator("[data-checklists-confirm]")).to_be_hidden()
    assert page.evaluate("JSON.stringify(localStorage)") == before
    assert errors == []


def test_markup_in_a_file_is_only_ever_text(page: Page, errors: list) -> None:
    page.goto("/checklists/")
    page.set_input_files(
        "[data-checklists-import]",
        a_file(
            export_file(
                {
                    RESEARCH: record([NEWS], {"": MARKUP, NEWS: MARKUP}),
                    MARKUP: record([NEWS]),
                }
            )
        ),
    )
    page.get_by_role("button", name="Replace mine").click()
    expect(status(page)).to_have_text("Replaced: 1 checklist.")
    page.goto(RESEARCH_PAGE)
    note_boxes = page.locator(".checklist textarea")
    assert note_boxes.count() == 0  # this checklist has no notes box; the note is kept
    assert saved(page, KEY_PREFIX + RESEARCH)["notes"] == {"": MARKUP, NEWS: MARKUP}
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("window.pwned") is None
    assert errors == []
    keys = json.loads(page.evaluate("JSON.stringify(Object.keys(localStorage))"))
    assert keys == [KEY_PREFIX + RESEARCH]


# --- A link with one checklist's progress ---------------------------------------


def test_a_progress_link_carries_progress_to_another_browser(
    browser: Browser, base_url: str
) -> None:
    first = browser.new_context(base_url=base_url)
    first.grant_permissions(["clipboard-read", "clipboard-write"])
    page = first.new_page()
    page.goto(POST)
    page.get_by_role(
        "checkbox", name="Check for recent news about the organisation"
    ).check()
    page.goto("/checklists/")
    page.get_by_role(
        "button", name="Copy a link with my progress for “Research checklist”"
    ).click()
    expect(status(page)).to_have_text(
        "Link copied. Open it on your other device to bring your progress there."
    )
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"{base_url}{RESEARCH_PAGE}#progress=")
    first.close()

    other = browser.new_context(base_url=base_url)
    page = other.new_page()
    page.goto(RESEARCH_PAGE)
    page.get_by_role(
        "checkbox", name="Read their profile and note their last two or three roles"
    ).check()
    page.goto(copied)
    ask = page.locator(".checklist__ask")
    expect(ask).to_contain_text(
        "This link holds progress for this checklist: 1 of 7 ticked"
    )
    expect(ask).to_contain_text("instead of what is here (1 tick, 0 notes)")
    use = page.get_by_role("button", name="Use this progress")
    expect(use).to_be_focused()
    page.keyboard.press("Enter")
    expect(checklist(page, RESEARCH).locator("[data-checklist-status]")).to_have_text(
        "The link's progress is now kept in this browser."
    )
    expect(
        page.get_by_role(
            "checkbox", name="Check for recent news about the organisation"
        )
    ).to_be_checked()
    expect(
        page.get_by_role(
            "checkbox", name="Read their profile and note their last two or three roles"
        )
    ).not_to_be_checked()
    assert page.url == f"{base_url}{RESEARCH_PAGE}"  # the progress leaves the address
    assert saved(page, KEY_PREFIX + RESEARCH)["checked"] == [NEWS]
    other.close()


def test_keeping_mine_changes_nothing(page: Page, base_url: str) -> None:
    page.goto(link(base_url, RESEARCH, record([NEWS])))
    page.get_by_role("button", name="Keep mine").click()
    expect(checklist(page, RESEARCH).locator("[data-checklist-status]")).to_have_text(
        "Nothing was changed."
    )
    assert saved(page, KEY_PREFIX + RESEARCH) is None


BAD_LINKS = {
    "damaged": (lambda url: url[:-12], "it is damaged"),
    "foreign": (lambda url: url, "it is for another checklist"),
    "oversized": (
        lambda url: url + "A" * 20_000,
        "it is too long to be a link this site makes",
    ),
    "newer": (lambda url: url, "it was made by a newer version of this site"),
    "out of date": (
        lambda url: url,
        "it is out of date: none of its items is on this checklist any more",
    ),
    "markup": (
        lambda url: url,
        "it is damaged: what it holds is not a checklist's progress",
    ),
}


@pytest.mark.parametrize("bad", list(BAD_LINKS))
def test_a_bad_link_changes_nothing_and_says_why(
    page: Page, base_url: str, errors: list, bad: str
) -> None:
    cut, reason = BAD_LINKS[bad]
    value, checklist_id, version = record([NEWS]), RESEARCH, 1
    if bad == "foreign":
        checklist_id = AFTER
    elif bad == "newer":
        version = 2
    elif bad == "out of date":
        value = record(["an-item-long-gone"])
    elif bad == "markup":
        value = record([MARKUP])
    page.goto(RESEARCH_PAGE)
    store(page, RESEARCH, record([]))
    page.goto(cut(link(base_url, checklist_id, value, version)))
    said = checklist(page, RESEARCH).locator("[data-checklist-status]")
    expect(said).to_contain_text(f"This progress link cannot be used: {reason}")
    expect(said).to_contain_text("Nothing was changed.")
    expect(page.locator(".checklist__ask")).to_have_count(0)
    assert saved(page, KEY_PREFIX + RESEARCH) == record([])
    assert errors == []


# --- Progress across a series ------------------------------------------------------

SERIES = "/series/informational-interviews/"
# The series' checklists: 7 + 7 + 7 + 10 (one ticked for a new reader) + 10 items.
SERIES_ITEMS = 41


def test_the_series_page_and_box_show_the_readers_progress(page: Page) -> None:
    page.goto(SERIES)
    expect(page.locator("[data-checklist-progress-series]")).to_have_text("")
    page.goto(POST)
    page.get_by_role(
        "checkbox", name="Check for recent news about the organisation"
    ).check()
    # The series box: the series, and the parts either side of this one.
    box = page.locator(".series-box")
    expect(box.locator("[data-checklist-progress-series]")).to_have_text(
        f"Your progress: 2 of {SERIES_ITEMS} done"
    )
    expect(box.locator("[data-checklist-progress-for]")).to_have_text(["", ""])
    page.goto("/posts/informational-interviews-the-meeting/")
    page.get_by_role("checkbox", name="Join or arrive a few minutes early").check()
    expect(page.locator(".series-box [data-checklist-progress-for]")).to_have_text(
        ["1 of 14 done", ""]
    )
    page.goto(SERIES)
    expect(page.locator("[data-checklist-progress-series]")).to_have_text(
        f"Your progress in this series: 3 of {SERIES_ITEMS} done"
    )
    expect(page.locator(".post-card [data-checklist-progress-for]")).to_have_text(
        ["", "Your progress: 1 of 14 done", "Your progress: 2 of 10 done", ""]
    )


def test_without_javascript_no_progress_shows(browser: Browser, base_url: str) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    for path in (SERIES, POST, "/checklists/"):
        page.goto(path)
        for element in page.locator(
            "[data-checklist-progress-series], [data-checklist-progress-for], "
            "[data-checklist-progress-of]"
        ).all():
            expect(element).to_have_text("")
    expect(page.locator(".my-checklists")).to_be_hidden()
    context.close()


def test_a_first_visit_loads_no_progress_code(page: Page) -> None:
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(POST, wait_until="networkidle")
    assert not [url for url in loaded if "progress" in url or "index.json" in url]


def test_a_progress_link_shows_as_a_qr_code_a_phone_can_read(
    browser: Browser, base_url: str, tmp_path: Path
) -> None:
    context = browser.new_context(base_url=base_url)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/checklists/")
    store(page, RESEARCH, record([NEWS]))
    page.reload()
    page.get_by_role(
        "button", name="Copy a link with my progress for “Research checklist”"
    ).click()
    copied = page.evaluate("navigator.clipboard.readText()")
    page.get_by_role(
        "button", name="Show it as a QR code for “Research checklist”"
    ).click()
    code = page.get_by_role(
        "img", name="QR code of the link with your progress in “Research checklist”"
    )
    expect(code).to_be_visible()
    expect(status(page)).to_have_text("QR code shown for “Research checklist”.")
    for scheme in ("light", "dark"):  # dark on light in either
        page.emulate_media(color_scheme=scheme)
        code.screenshot(path=tmp_path / f"{scheme}.png")
        read = subprocess.run(
            ["zbarimg", "--raw", "--quiet", str(tmp_path / f"{scheme}.png")],
            capture_output=True,
            text=True,
            check=False,
        )
        assert read.stdout.strip() == copied, scheme
    page.get_by_role("button", name="Hide the QR code").click()
    expect(code).to_have_count(0)
    expect(
        page.get_by_role("button", name="Show it as a QR code for “Research checklist”")
    ).to_be_focused()
    context.close()


def test_the_checklists_page_works_from_the_keyboard(page: Page) -> None:
    page.goto("/checklists/")
    store(page, RESEARCH, record([NEWS]))
    page.reload()

    qr = page.get_by_role(
        "button", name="Show it as a QR code for “Research checklist”"
    )
    tab_to(page, qr)
    page.keyboard.press("Enter")
    expect(status(page)).to_have_text("QR code shown for “Research checklist”.")
    tab_to(page, page.get_by_role("button", name="Hide the QR code"))
    page.keyboard.press("Enter")
    expect(qr).to_be_focused()
    export = page.get_by_role("button", name="Export all my checklists")
    tab_to(page, export)
    with page.expect_download():
        page.keyboard.press("Enter")
    # The file field is inside its label, which shows where the focus is.
    field = page.get_by_label("Import a file of checklists")
    tab_to(page, field)
    outline = page.locator(".my-checklists__import").evaluate(
        "label => getComputedStyle(label).outlineStyle"
    )
    assert outline == "solid"
