"""`make newpost` end to end: a new draft, shown by `make serve`, kept out by publish.

All in a copy of the content, never in content/ itself.
"""

from __future__ import annotations

import subprocess
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from tests.authoring.helpers import content_copy, summary_entries
from tests.builds import ROOT, make, serving

TITLE = "Following up after a job fair"
SLUG = "following-up-after-a-job-fair"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    return content_copy(tmp_path)


def newpost(content: Path, title: str | None) -> subprocess.CompletedProcess:
    args = [f"CONTENTDIR={content}"] + ([f"TITLE={title}"] if title is not None else [])
    return make("newpost", *args)


def test_newpost_writes_a_complete_draft_and_prints_its_path(content: Path) -> None:
    before = datetime.now(ZoneInfo("Europe/London")).replace(second=0, microsecond=0)
    result = newpost(content, TITLE)
    assert result.returncode == 0, result.stderr
    path = content / "posts" / f"{SLUG}.md"
    assert result.stdout.splitlines()[0] == str(path)
    assert "Series already in use: Informational interviews" in result.stdout
    text = path.read_text(encoding="utf-8")
    header, _, body = text.partition("\n\n")
    fields = dict(line.split(":", 1) for line in header.splitlines())
    fields = {key: value.strip() for key, value in fields.items()}
    assert list(fields) == [
        "Title",
        "Date",
        "Slug",
        "Status",
        "Category",
        "Tags",
        "Series",
        "Summary",
    ]
    assert fields["Title"] == TITLE
    written = datetime.strptime(fields["Date"], "%Y-%m-%d %H:%M").replace(
        tzinfo=ZoneInfo("Europe/London")
    )
    assert before <= written <= before + timedelta(minutes=2)
    assert fields["Slug"] == SLUG
    assert fields["Status"] == "draft"
    assert fields["Category"] == "Job search"
    assert fields["Series"] == ""
    assert fields["Summary"].startswith("TODO:")
    assert "\n- [ ] " in body


def test_newpost_never_overwrites_a_file(content: Path) -> None:
    assert newpost(content, TITLE).returncode == 0
    path = content / "posts" / f"{SLUG}.md"
    path.write_text("The author's own words.", encoding="utf-8")
    result = newpost(content, TITLE)
    assert result.returncode != 0
    assert f"make newpost: {path} already exists; nothing was written" in result.stderr
    assert path.read_text(encoding="utf-8") == "The author's own words."


def test_newpost_without_a_title_says_how_to_give_one(content: Path) -> None:
    result = newpost(content, None)
    assert result.returncode != 0
    assert 'make newpost TITLE="Following up after a job fair"' in result.stderr
    assert sorted(p.name for p in (content / "posts").iterdir()) == sorted(
        p.name for p in (ROOT / "content" / "posts").iterdir()
    )


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - 127.0.0.1
        return response.read().decode("utf-8")


def test_new_draft_shows_under_serve_and_not_when_published(
    content: Path, tmp_path: Path
) -> None:
    assert newpost(content, TITLE).returncode == 0
    draft_url = f"/drafts/{SLUG}/"

    # `make serve`: listed on the home page and marked "Draft", on its own page too.
    with serving(content, tmp_path / "serve") as url:
        home = BeautifulSoup(fetch(f"{url}/"), "html.parser")
        card = next(
            card for card in home.select(".post-card") if TITLE in card.get_text()
        )
        assert (
            card.select_one(".draft-badge")
            .get_text(" ", strip=True)
            .startswith("Draft")
        )
        assert card.find("a", href=draft_url) is not None
        page = BeautifulSoup(fetch(f"{url}{draft_url}"), "html.parser")
        assert page.h1.get_text(strip=True) == TITLE
        assert page.select_one(".post-header .draft-badge") is not None

    # `make publish`: the draft is in no list and no feed.
    output = tmp_path / "publish"
    result = make(
        "publish",
        "SITEURL=https://example.org",
        f"CONTENTDIR={content}",
        f"OUTPUTDIR={output}",
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    # The draft's only problem is advice: it has no tags yet.
    assert {(e.severity, e.message) for e in summary_entries(log)} == {
        ("warning", "This post has no tags, so no topic page lists it.")
    }
    for listing in (
        "index.html",
        "archives/index.html",
        "feeds/all.atom.xml",
        "categories/job-search/index.html",
        "sitemap.xml",
    ):
        path = output / listing
        assert not path.exists() or SLUG not in path.read_text(), listing
    assert not (output / "posts" / SLUG).exists()
