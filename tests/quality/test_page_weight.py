"""Every post with a checklist fits in the first round trip of a new connection.

First visit, empty cache, production build: the HTML, CSS and JavaScript the
page actually loads (what a checklist's script imports as it starts included)
add up to at most 14 KB gzip-compressed, of which JavaScript at most 4 KB. What
loads only when a reader asks for it (the calendar file's code) is at most 4 KB
on its own. Sizes are of each response body compressed with gzip at level 9,
which is what `make publish` ships beside every file (`.gz`) for hosts that serve
precompressed files; HTTP headers are not counted. KB here is 1,024 bytes.
"""

from __future__ import annotations

import gzip
import re

import pytest

from tests.quality.conftest import failure_list

# Each post has a checklist; the last has notes, time limits and a second script.
POSTS_WITH_CHECKLISTS = [
    "/posts/informational-interviews-asking/",
    "/posts/informational-interviews-preparing/",
    "/posts/informational-interviews-the-meeting/",
    "/posts/thank-you-note-after-an-interview/",
    "/posts/informational-interviews-after/",
]
TOTAL_BUDGET = 14 * 1024
SCRIPT_BUDGET = 4 * 1024
ON_DEMAND_BUDGET = 4 * 1024
QR_BUDGET = 12 * 1024
COUNTED_TYPES = {"document", "stylesheet", "script"}


@pytest.mark.parametrize("post", POSTS_WITH_CHECKLISTS)
def test_post_with_checklist_first_visit_fits_the_budget(browser, published, post):
    context = browser.new_context(base_url=published.url)
    page = context.new_page()
    loaded: list[tuple[str, str, int, int]] = []

    def record(response) -> None:
        kind = response.request.resource_type
        if kind in COUNTED_TYPES and response.ok:
            body = response.body()
            loaded.append(
                (kind, response.url, len(body), len(gzip.compress(body, 9, mtime=0)))
            )

    page.on("response", record)
    page.goto(post, wait_until="networkidle")
    context.close()

    table = "\n".join(
        f"  {kind:<10} {raw:>7} B  {packed:>6} B gzip  {url}"
        for kind, url, raw, packed in loaded
    )
    total = sum(packed for *_, packed in loaded)
    script = sum(packed for kind, *_, packed in loaded if kind == "script")
    print(f"\n{post} first visit:\n{table}")
    print(f"  total {total} B gzip (budget {TOTAL_BUDGET}), JS {script} B")

    assert any(kind == "document" for kind, *_ in loaded), "the post did not load"
    problems = []
    if total > TOTAL_BUDGET:
        problems.append(f"HTML+CSS+JS {total} B gzip > {TOTAL_BUDGET} B")
    if script > SCRIPT_BUDGET:
        problems.append(f"JavaScript {script} B gzip > {SCRIPT_BUDGET} B")
    assert not problems, failure_list(
        f"{post} over its weight budget", [*problems, "loaded:", table]
    )


def test_what_loads_on_demand_fits_its_own_budget(browser, published):
    """The calendar file's code loads when "Add to calendar" is pressed, not before.

    carry-over.js loads only when a reader's saved record does not fit the page
    (from an older version, or after the author reworded items): never on a first
    visit. Every module loaded on demand is weighed as `make publish` writes it;
    a QR encoder may take 12 KB with its caller.
    """
    modules = published.output / "assets" / "checklists"
    for name in ("calendar", "carry-over", "dates", "progress", "share"):
        [module] = modules.glob(f"{name}.*.js")
        packed = len(gzip.compress(module.read_bytes(), 9, mtime=0))
        assert packed <= ON_DEMAND_BUDGET, f"{module.name}: {packed} B gzip"
    # A progress link as a QR code on screen: our qr.js and the encoder it loads.
    qr = [*modules.glob("qr.*.js"), *modules.glob("vendor/lean-qr-nano.*.js")]
    assert len(qr) == 2, qr
    packed = sum(len(gzip.compress(m.read_bytes(), 9, mtime=0)) for m in qr)
    assert packed <= QR_BUDGET, f"qr.js and its encoder: {packed} B gzip"
    context = browser.new_context(base_url=published.url, accept_downloads=True)
    page = context.new_page()
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url))
    page.goto("/posts/informational-interviews-after/", wait_until="networkidle")
    early = [url for url in scripts if "calendar" in url or "carry-over" in url]
    assert not early, f"loaded before asked: {early}"
    calendar_js = re.compile(r"/calendar\.[0-9a-f]+\.js$")
    with page.expect_response(calendar_js), page.expect_download():
        page.get_by_role("button", name="Add to calendar").click()
    context.close()
