"""`make publish SITEURL=...` makes a site whose outward-facing URLs are absolute.

Feeds, canonical links, Open Graph and JSON-LD URLs, the sitemap and robots.txt
are read by other programs, away from the site, so they must carry the domain.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.authoring.helpers import content_copy
from tests.builds import make
from tests.test_site_build import SETTINGS, post_file, published_posts, slug

SITEURL = "https://example.org"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


# A draft post (with a checklist) and a draft page, added to a copy of the
# content: production writes neither, and mentions neither anywhere.
DRAFT_TITLE = "Negotiating a salary offer step by step"
DRAFTS = {
    "posts/salary-draft.md": (
        f"Title: {DRAFT_TITLE}\nDate: 2026-12-01 09:00\nStatus: draft\n"
        "Tags: interviews\nSummary: Not finished yet.\n\nA first paragraph.\n\n"
        "- [ ] Research the going rate\n- [ ] Name a range\n"
    ),
    "pages/draft-page.md": (
        "Title: A page not ready yet\nStatus: draft\n\nA first paragraph.\n"
    ),
}
DRAFT_NAMES = (
    DRAFT_TITLE,
    "negotiating-a-salary",
    "Research the going rate",
    "A page not ready yet",
)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = content_copy(tmp_path_factory.mktemp("publish_content"))
    for name, text in DRAFTS.items():
        (content / name).write_text(text, encoding="utf-8")
    output = tmp_path_factory.mktemp("publish")
    result = make(
        "publish", f"OUTPUTDIR={output}", f"SITEURL={SITEURL}", f"CONTENTDIR={content}"
    )
    assert result.returncode == 0, (
        f"`make publish` failed:\n{result.stdout}{result.stderr}"
    )
    return output


def test_publish_without_siteurl_stops_with_a_clear_message(tmp_path: Path) -> None:
    result = make("publish", f"OUTPUTDIR={tmp_path / 'out'}", "SITEURL=")
    assert result.returncode != 0
    assert (
        "SITEURL must be the site's absolute address" in result.stdout + result.stderr
    )


CATEGORIES = sorted(
    {post.get("category", SETTINGS["DEFAULT_CATEGORY"]) for post in published_posts()}
)


@pytest.mark.parametrize(
    "feed",
    [
        "feeds/all.atom.xml",
        *(f"feeds/{slug(category)}.atom.xml" for category in CATEGORIES),
    ],
)
def test_feed_urls_are_absolute(published: Path, feed: str) -> None:
    root = ET.parse(published / feed).getroot()
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert links, f"{feed} has no links"
    assert [link for link in links if not link.startswith(SITEURL + "/")] == []
    entries = root.findall(f"{ATOM}entry")
    assert entries, f"{feed} has no entries"
    for entry in entries:
        assert entry.find(f"{ATOM}link").get("href").startswith(f"{SITEURL}/posts/")


def test_every_post_is_in_the_site_feed(published: Path) -> None:
    root = ET.parse(published / "feeds/all.atom.xml").getroot()
    links = {
        entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")
    }
    assert links == {f"{SITEURL}/posts/{post['slug']}/" for post in published_posts()}


def test_canonical_and_open_graph_urls_are_absolute(published: Path) -> None:
    pages = [path for path in published.rglob("*.html") if path.name != "404.html"]
    assert len(pages) > 10
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        relative = path.relative_to(published).as_posix()
        expected = f"{SITEURL}/{relative.removesuffix('index.html')}"
        assert page.find("link", rel="canonical")["href"] == expected, relative
        assert page.find("meta", property="og:url")["content"] == expected, relative


def test_post_json_ld_urls_are_absolute(published: Path) -> None:
    for post in published_posts():
        page = BeautifulSoup((published / post_file(post)).read_text(), "html.parser")
        data = json.loads(page.find("script", type="application/ld+json").string)
        url = f"{SITEURL}/posts/{post['slug']}/"
        assert (data["url"], data["mainEntityOfPage"]) == (url, url)
        assert data["publisher"]["url"] == f"{SITEURL}/"


def test_sitemap_urls_are_absolute(published: Path) -> None:
    root = ET.parse(published / "sitemap.xml").getroot()
    locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
    assert [loc for loc in locations if not loc.startswith(SITEURL + "/")] == []
    for post in published_posts():
        assert f"{SITEURL}/posts/{post['slug']}/" in locations
    assert f"{SITEURL}/" in locations


def test_robots_txt_points_to_the_absolute_sitemap(published: Path) -> None:
    robots = (published / "robots.txt").read_text().splitlines()
    assert robots[:2] == ["User-agent: *", "Allow: /"]
    assert f"Sitemap: {SITEURL}/sitemap.xml" in robots


def test_drafts_are_not_published_at_all(published: Path) -> None:
    """`make html` writes a draft at /drafts/<slug>/; production writes nothing."""
    assert not (published / "drafts").exists()
    texts = [
        path
        for path in published.rglob("*")
        if path.suffix in {".html", ".xml", ".json", ".js", ".txt"}
    ]
    assert len(texts) > 10
    mentions = [
        f"{path.relative_to(published)}: {name}"
        for path in texts
        for name in DRAFT_NAMES
        if name in path.read_text(encoding="utf-8")
    ]
    assert mentions == []
