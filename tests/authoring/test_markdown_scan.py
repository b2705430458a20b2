"""What the content checks read of each post, from the Markdown step (markdown_scan.py).

The checks' every message depends on it, so it must be exactly what scanning the
finished HTML gives (html_scan.py): every element with its attributes (addresses
as Pelican resolved them), every string of text, for the body and the summary.
A build of the site's content and of posts with every construct Markdown writes
(raw HTML, entities, escapes, footnotes, code, tables, checklists, links that
Pelican resolves, and some it cannot) compares the two for every post and page.
"""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pytest
from pelican import Pelican, signals

from tests.builds import ROOT, site_settings

FIXTURE = ROOT / "tests" / "fixtures" / "markdown_scan"
REPLAYED = "every-construct.md"
# Its checklist holds an entity, which Markdown fills in after the tree.
SCANNED = "checklist-with-an-entity.md"

compared: list[tuple[str, bool, bool]] = []


def compare_scans(_pelican) -> None:
    """Compare what the checks read with a scan of the finished HTML, before them."""
    # As Pelican loads the plugin (PLUGIN_PATHS), not as tests import it.
    markdown_scan = importlib.import_module("content_checks.markdown_scan")
    findings = importlib.import_module("content_checks.findings").findings
    scan_html = markdown_scan.scan_html
    scanned: list[str] = []

    def scan_and_count(html: str) -> object:
        scanned.append(html)
        return scan_html(html)

    markdown_scan.scan_html = scan_and_count
    try:
        for content in [*findings.articles, *findings.pages]:
            body = content.content or ""
            summary = content.metadata.get("summary") or ""
            scanned.clear()
            read = markdown_scan.finished_scans(content)
            same = read == (scan_html(body), scan_html(summary))
            compared.append((Path(content.source_path).name, same, body in scanned))
    finally:
        markdown_scan.scan_html = scan_html


@pytest.fixture(scope="module")
def comparisons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bool]:
    root = tmp_path_factory.mktemp("markdown_scan")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    for post in (FIXTURE / "posts").iterdir():
        shutil.copy(post, content / "posts" / post.name)
    settings = site_settings(content, root / "output")
    # The search index is no part of what the checks read.
    settings["PLUGINS"] = [
        name for name in settings["PLUGINS"] if name != "search_index"
    ]
    compared.clear()
    signals.finalized.connect(compare_scans)
    try:
        Pelican(settings).run()  # errors are listed, not fatal: no exit status
    finally:
        signals.finalized.disconnect(compare_scans)
    return {name: (same, fell_back) for name, same, fell_back in compared}


def test_the_checks_read_what_the_finished_html_holds(comparisons) -> None:
    assert len(comparisons) == 11  # 7 posts, 4 pages
    assert [name for name, (same, _) in comparisons.items() if not same] == []


def test_the_markdown_step_spares_the_second_scan(comparisons) -> None:
    replayed = [name for name, (_, fell_back) in comparisons.items() if not fell_back]
    assert REPLAYED in replayed
    assert SCANNED not in replayed
    # The site's own posts and pages too.
    assert len(replayed) == len(comparisons) - 1
