"""The package on its own: its wheel, beside Pelican alone, in Pelican's default theme.

The wheel is built as a user gets it (``python -m build``, once per session, in
conftest.py) and installed into a fresh virtual environment with nothing but its
own dependencies (at the versions this repository pins). A tiny site, with no
theme, settings or plugin of this repository, is built with that environment's
``pelican``; in Chromium its checklist is styled, ticks, keeps the tick across a
reload, and its printable page prints on one sheet.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Page, expect
from tiny_site import CHECKLIST_ID, run

from tests.checklists.pages import pdf_text


def test_the_wheel_holds_the_plugin_and_its_files(wheel: Path) -> None:
    listed = run(sys.executable, "-m", "zipfile", "-l", wheel)
    for name in (
        "pelican/plugins/checklists/__init__.py",
        "pelican/plugins/checklists/static/checklists/checklist.js",
        "pelican/plugins/checklists/static/checklists/theme-defaults.css",
        "pelican/plugins/checklists/templates/checklists/component.html",
    ):
        assert name in listed, name
    # A namespace package, as Pelican's own plugins are: no __init__.py above it.
    assert "pelican/__init__.py" not in listed
    assert "pelican/plugins/__init__.py" not in listed


def test_a_checklist_in_the_default_theme_ticks_and_keeps_its_tick(
    page: Page, base_url: str
) -> None:
    page.goto(f"{base_url}/packing-for-an-interview.html")
    root = page.locator(f'[data-checklist-id="{CHECKLIST_ID}"]')
    cv = root.get_by_role("checkbox", name="Copies of your CV")
    # Styled with the package's own tokens: a drawn box with a visible border.
    box = cv.evaluate(
        """input => {
            const style = getComputedStyle(input.labels[0], "::before");
            return [style.borderTopWidth, style.borderTopColor];
        }"""
    )
    assert box[0] == "2px" and box[1] not in ("rgba(0, 0, 0, 0)", "transparent")
    expect(root.get_by_text("1 of 3 done")).to_be_visible()
    expect(root.get_by_label("Which entrance, and who to ask for?")).to_be_visible()
    cv.check()
    expect(root.get_by_text("2 of 3 done")).to_be_visible()
    page.reload()
    expect(cv).to_be_checked()
    expect(root.get_by_role("checkbox", name="A pen that works")).to_be_checked()
    expect(root.get_by_text("2 of 3 done")).to_be_visible()


def test_its_printable_page_prints_on_one_sheet(
    page: Page, base_url: str, default_theme_site: Path
) -> None:
    assert (default_theme_site / "checklists" / CHECKLIST_ID / "index.html").is_file()
    page.goto(f"{base_url}/checklists/{CHECKLIST_ID}/")
    expect(page).to_have_title(
        "Packing list (printable checklist) · A site with nothing else"
    )
    [sheet] = pdf_text(page, "A4")
    # The kicker's letters are spaced apart: compared without spaces.
    assert "".join(sheet.split()).startswith("ASITEWITHNOTHINGELSE·CHECKLISTPacking")
    assert "Copies of your CV" in sheet and "Directions to the building" in sheet
    # The theme's banner and footer stay off the paper.
    assert "Proudly powered by" not in sheet
