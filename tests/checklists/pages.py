"""What the checklists' browser tests read off a page: saved records, ticks, print."""

from __future__ import annotations

import io
import json
import unicodedata

from playwright.sync_api import Locator, Page, expect
from pypdf import PdfReader

KEY_PREFIX = "nextsteps:checklist:v2:"


def saved(page: Page, key: str) -> dict | None:
    value = page.evaluate("key => localStorage.getItem(key)", key)
    return None if value is None else json.loads(value)


def checklist(page: Page, checklist_id: str):
    return page.locator(
        f'[data-module="checklist"][data-checklist-id="{checklist_id}"]'
    )


def ticked(page: Page, checklist_id: str) -> list[str]:
    """Return the labels of the ticked items of one checklist."""
    return checklist(page, checklist_id).evaluate(
        """root => [...root.querySelectorAll(".checklist__input:checked")]
            .map((box) => box.labels[0].textContent.trim())"""
    )


def pdf_text(page: Page, paper: str) -> list[str]:
    """Print the page to PDF on ``paper``; return the text of each sheet.

    Spaces are normalised, and ligatures ("ﬁ") read as their letters.
    """
    reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
    return [
        " ".join(unicodedata.normalize("NFKC", sheet.extract_text()).split())
        for sheet in reader.pages
    ]


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until ``target`` has the focus (at most 60 times)."""
    for _ in range(60):
        if target.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(target).to_be_focused()
