"""`make serve` in Chromium: a saved post reloads itself; a content error shows.

The real command (`make serve`) previews a copy of the site on a free port; the
tests edit its files as an author's editor would and watch the open page.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from tests.builds import ROOT, serving
from tests.quality.conftest import AXE_OPTIONS, format_axe_violation

POST = "posts/informational-interviews-asking/"
POST_FILE = "posts/informational-interviews-asking.md"
OTHER_FILE = "posts/informational-interviews-the-meeting.md"
# Records every refusal of the Content-Security-Policy, before any script runs.
RECORD_CSP = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`);
});
"""


@dataclass
class Serve:
    content: Path
    output: Path
    url: str

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.content / name
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Serve]:
    root = tmp_path_factory.mktemp("serve")
    shutil.copytree(ROOT / "content", root / "content")
    with serving(root / "content", root / "output") as url:
        yield Serve(root / "content", root / "output", url)


def test_a_saved_post_reloads_where_the_reader_was(serve: Serve, page: Page):
    page.add_init_script(RECORD_CSP)
    response = page.goto(serve.url + "/" + POST)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.evaluate("window.scrollTo(0, 900)")
    page.evaluate("window.beforeSave = true")  # gone once the page reloads

    serve.edit(POST_FILE, "Go in to learn.", "Go in to learn, and only to learn.")

    expect(page.get_by_text("Go in to learn, and only to learn.")).to_be_visible(
        timeout=30_000
    )
    assert page.evaluate("window.beforeSave") is None, "the page was not reloaded"
    assert abs(page.evaluate("window.scrollY") - 900) < 50
    assert page.evaluate("window.cspViolations") == []
    # The script is added as the page is served, never written to the output.
    written = (serve.output / POST / "index.html").read_text()
    assert "Go in to learn, and only to learn." in written
    assert "_live-preview" not in written
    assert not list(serve.output.rglob("live-preview*"))


def test_a_content_error_shows_over_the_page_until_fixed(serve: Serve, page: Page):
    page.add_init_script(RECORD_CSP)
    page.goto(serve.url + "/" + POST)
    last_good = serve.output / "posts/informational-interviews-the-meeting/index.html"
    before = last_good.read_bytes()

    serve.edit(OTHER_FILE, "Date: 2026-", "Date: 2026-13-45 ")

    overlay = page.get_by_role("alertdialog")
    expect(overlay).to_be_visible(timeout=30_000)
    expect(overlay).to_contain_text("informational-interviews-the-meeting.md:2: error")
    expect(overlay).to_contain_text("not a real date")
    expect(overlay).to_contain_text("Fix: write it as YYYY-MM-DD")
    expect(page.get_by_role("button", name="Dismiss")).to_be_focused()
    assert last_good.read_bytes() == before
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert [format_axe_violation(v) for v in violations] == []
    page.emulate_media(color_scheme="dark")
    background = overlay.evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert background == "rgb(31, 35, 39)"
    page.keyboard.press("Escape")
    expect(overlay).to_be_hidden()

    # A new page is told at once; fixing the file takes the overlay away.
    page.reload()
    expect(overlay).to_be_visible(timeout=10_000)
    serve.edit(OTHER_FILE, "Date: 2026-13-45 ", "Date: 2026-")
    expect(overlay).to_be_hidden(timeout=30_000)
    assert page.evaluate("window.cspViolations") == []


def test_an_open_printable_page_reloads_when_its_item_is_reworded(
    serve: Serve, page: Page
):
    page.goto(serve.url + "/" + POST)
    page.get_by_role("link", name="Printable page").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.evaluate("window.beforeSave = true")  # gone once the page reloads

    serve.edit(POST_FILE, "in one sentence", "in a single sentence")

    expect(page.get_by_text("says who you are in a single sentence")).to_be_visible(
        timeout=30_000
    )
    assert page.evaluate("window.beforeSave") is None, "the page was not reloaded"
    assert "/checklists/" in page.url
