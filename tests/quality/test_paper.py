"""Paper leads back: every printed checklist carries a QR code of its page.

Each checklist's printable page, and a checklist printed from its post, is
printed to PDF by Chromium, rendered to an image (pdftoppm, Debian's
poppler-utils) and read by a QR decoder (zbarimg, Debian's zbar-tools), as a
phone's camera would read the sheet: the code must hold exactly the address of
the checklist's page, the one the sheet also prints in text. Every build: a
development build (`make html`) leads to where `make serve` serves the site; a
production build (`make publish`) to its own address, also when that address
is a sub-path of its host (`SITEURL=https://example.org/blog`).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pelican.settings import read_settings
from playwright.sync_api import Page, expect

from tests.builds import ROOT
from tests.checklists.pages import pdf_text

# Where a development build's QR codes lead: pelican.conf.py says.
SERVE_ADDRESS = read_settings(str(ROOT / "pelican.conf.py"))["CHECKLISTS_QR_SITEURL"]


def printed_codes(page: Page, paper: str, folder: Path) -> list[str]:
    """Print the page; return what a QR decoder reads on each sheet, in order."""
    pdf = folder / "printed.pdf"
    pdf.write_bytes(page.pdf(format=paper))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", str(pdf), str(folder / "sheet")], check=True
    )
    codes = []
    for sheet in sorted(folder.glob("sheet*.png")):
        read = subprocess.run(
            ["zbarimg", "--raw", "--quiet", str(sheet)],
            capture_output=True,
            text=True,
            check=False,
        )
        codes += read.stdout.split()
        sheet.unlink()
    return codes


@pytest.fixture(params=["make html", "make publish", "make publish under a sub-path"])
def build(request):
    """(output folder, URL it is served at, the address its QR codes lead to)."""
    if request.param == "make html":
        site = request.getfixturevalue("site")
        return site.output, request.getfixturevalue("base_url"), SERVE_ADDRESS
    published = request.getfixturevalue(
        "published" if request.param == "make publish" else "published_under_subpath"
    )
    return published.output, published.url, published.url


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_printable_page_carries_a_qr_code_of_its_address(
    page: Page, build, paper: str, tmp_path: Path
) -> None:
    output, url, address = build
    pages = sorted(output.glob("checklists/*/index.html"))
    assert len(pages) == 6
    for printable in pages:
        path = f"/checklists/{printable.parent.name}/"
        page.goto(url + path)
        assert printed_codes(page, paper, tmp_path) == [address + path], path
        # In text too (a long address wraps: compared without the line breaks).
        [sheet] = pdf_text(page, paper)
        assert f"Thischecklistonline:{address}{path}" in "".join(sheet.split())


def test_a_checklist_printed_from_its_post_carries_its_qr_code(
    page: Page, build, tmp_path: Path
) -> None:
    _, url, address = build
    page.goto(url + "/posts/informational-interviews-preparing/")
    page.evaluate("window.print = () => {}")  # the dialog itself is the browser's
    questions = page.locator(
        '[data-module="checklist"]'
        '[data-checklist-id="informational-interviews-preparing--questions-to-prepare"]'
    )
    questions.get_by_role("button", name="Print", exact=True).click()
    assert printed_codes(page, "A4", tmp_path) == [
        f"{address}/checklists/informational-interviews-preparing--questions-to-prepare/"
    ]


def test_a_series_prints_whole_each_checklist_on_a_sheet_of_its_own(
    page: Page, build, tmp_path: Path
) -> None:
    _, url, address = build
    page.goto(url + "/series/informational-interviews/")
    page.get_by_role(
        "link", name="Every checklist of the series, to print together"
    ).click()
    expect(page.locator("h1")).to_have_text("Informational interviews")
    # Part by part, in the series' order, one sheet each.
    in_order = [
        "asking-for-an-informational-interview",
        "informational-interviews-preparing--research-checklist",
        "informational-interviews-preparing--questions-to-prepare",
        "during-an-informational-interview",
        "after-an-informational-interview",
    ]
    assert printed_codes(page, "A4", tmp_path) == [
        f"{address}/checklists/{each}/" for each in in_order
    ]
    sheets = pdf_text(page, "Letter")
    assert len(sheets) == len(in_order)
    assert all(sheet.startswith("NEXT STEPS · CHECKLIST") for sheet in sheets)
