"""A post with a checklist fits in the first round trip of a new connection.

First visit, empty cache, production build: the HTML, CSS and JavaScript the
page actually loads add up to at most 14 KB gzip-compressed, of which JavaScript
at most 4 KB. Sizes are of each response body compressed with gzip at level 9,
which is what `make publish` ships beside every file (`.gz`) for hosts that serve
precompressed files; HTTP headers are not counted. KB here is 1,024 bytes.
"""

from __future__ import annotations

import gzip

from tests.quality.conftest import failure_list

POST_WITH_CHECKLIST = "/posts/informational-interviews-preparing/"
TOTAL_BUDGET = 14 * 1024
SCRIPT_BUDGET = 4 * 1024
COUNTED_TYPES = {"document", "stylesheet", "script"}


def test_post_with_checklist_first_visit_fits_the_budget(browser, published):
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
    page.goto(POST_WITH_CHECKLIST, wait_until="networkidle")
    context.close()

    table = "\n".join(
        f"  {kind:<10} {raw:>7} B  {packed:>6} B gzip  {url}"
        for kind, url, raw, packed in loaded
    )
    total = sum(packed for *_, packed in loaded)
    script = sum(packed for kind, *_, packed in loaded if kind == "script")
    print(f"\n{POST_WITH_CHECKLIST} first visit:\n{table}")
    print(f"  total {total} B gzip (budget {TOTAL_BUDGET}), JS {script} B")

    assert any(kind == "document" for kind, *_ in loaded), "the post did not load"
    problems = []
    if total > TOTAL_BUDGET:
        problems.append(f"HTML+CSS+JS {total} B gzip > {TOTAL_BUDGET} B")
    if script > SCRIPT_BUDGET:
        problems.append(f"JavaScript {script} B gzip > {SCRIPT_BUDGET} B")
    assert not problems, failure_list(
        f"{POST_WITH_CHECKLIST} over its weight budget", [*problems, "loaded:", table]
    )
