"""Lighthouse scores 100 in all four categories, with mobile emulation.

Lighthouse (npm, pinned in package-lock.json, installed by `make test`) drives the
system Chromium, with its default mobile emulation and simulated slow-4G
throttling, on the home page, the post whose checklist has the most parts (a notes
box, a time limit and its start question), that checklist's printable page and
the Checklists page (progress, export and import). It
audits the production build (`make publish`) served at the address it was built
for, as search engines will see it: a development build has no address of its
own, so its canonical links are relative, which Lighthouse's SEO audit rightly
calls invalid. Every audit runs: a failure lists the audits that cost points, with
what they found.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.builds import ROOT
from tests.quality.conftest import failure_list

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
POST_WITH_CHECKLIST = "/posts/informational-interviews-after/"
CHECKLIST_PAGE = "/checklists/after-an-informational-interview/"


def run_lighthouse(url: str, report: Path) -> dict:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "no Chromium: run `make test`, which installs it"
    assert LIGHTHOUSE.exists(), f"no {LIGHTHOUSE}: run `make test`, which installs it"
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
        "--quiet",
    ]
    for _ in range(2):
        result = subprocess.run(
            command,
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
            check=False,
            timeout=180,
        )
        # A trace Lighthouse failed to record (NO_NAVSTART and the like) is its own
        # runtime error, not a finding about the page; its advice is to run it
        # again, once. A score is never retried.
        if "Runtime error encountered" not in result.stderr:
            break
    assert result.returncode == 0, f"lighthouse failed on {url}:\n{result.stderr}"
    return json.loads(report.read_text())


def item_summary(item: dict) -> str:
    """One line for one thing an audit found: the element, the URL or the text."""
    node = item.get("node") or {}
    source = item.get("source") if isinstance(item.get("source"), dict) else {}
    for value in (
        node.get("snippet"),
        node.get("selector"),
        item.get("url"),
        source.get("url"),
        item.get("description"),
    ):
        if value:
            return " ".join(str(value).split())[:160]
    return json.dumps(item)[:160]


def lost_points(result: dict) -> list[str]:
    """Describe each scored audit below 100 in each category below 100."""
    problems = []
    audits = result["audits"]
    for name in CATEGORIES:
        category = result["categories"][name]
        if category["score"] == 1:
            continue
        problems.append(f"{name}: {round((category['score'] or 0) * 100)}")
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] == 0 or audit["score"] is None or audit["score"] == 1:
                continue
            found = audit.get("explanation") or audit.get("displayValue") or ""
            problems.append(
                f"  {audit['id']} (score {audit['score']}): {audit['title']}. {found}"
            )
            details = audit.get("details") or {}
            problems += [
                f"    {item_summary(item)}" for item in details.get("items", [])[:5]
            ]
    return problems


@pytest.mark.parametrize(
    "page", ["home", "post with a checklist", "checklist page", "checklists"]
)
def test_lighthouse_scores_100_in_every_category(page, published, tmp_path):
    path = {
        "home": "/",
        "post with a checklist": POST_WITH_CHECKLIST,
        "checklist page": CHECKLIST_PAGE,
        "checklists": "/checklists/",
    }[page]
    assert (published.output / path.strip("/") / "index.html").exists(), path
    result = run_lighthouse(published.url + path, tmp_path / "report.json")
    scores = {
        name: round((result["categories"][name]["score"] or 0) * 100)
        for name in CATEGORIES
    }
    print(f"\nLighthouse {path}: {scores}")
    assert result.get("runtimeError") is None, result["runtimeError"]
    problems = lost_points(result)
    assert not problems, failure_list(f"Lighthouse on {path}: {scores}", problems)
