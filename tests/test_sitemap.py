"""sitemap.xml (plugins/sitemap_xml): every page, dated by its content only.

A small build of fixture posts and pages (written below) with the site's
settings, then the file is read as a search engine reads it.
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from plugins.sitemap_xml.sitemap_xml import sitemap_xml, w3c_datetime
from tests.builds import build_fixture

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
POSTS = {
    "older-post.md": (
        "Title: An older post\nDate: 2025-03-01 09:00\nTags: alpha\n"
        "Summary: The older post.\n\nAbout alpha.\n"
    ),
    "edited-post.md": (
        "Title: An edited post\nDate: 2025-04-01 09:00\nModified: 2025-06-15 10:30\n"
        "Tags: alpha, beta\nSummary: The edited post.\n\nAbout alpha and beta.\n"
    ),
    "newest-post.md": (
        "Title: The newest post\nDate: 2025-05-01 09:00\nTags: gamma\n"
        "Summary: The newest post by date.\n\nAbout gamma.\n"
    ),
    "draft-post.md": (
        "Title: A draft post\nDate: 2025-09-01 09:00\nTags: alpha\nStatus: draft\n"
        "Summary: A draft.\n\nNot ready.\n"
    ),
    "hidden-post.md": (
        "Title: A hidden post\nDate: 2025-09-02 09:00\nTags: alpha\nStatus: hidden\n"
        "Summary: Hidden.\n\nNot listed.\n"
    ),
}
PAGES = {
    "undated.md": "Title: An undated page\n\nNo date here.\n",
    "dated.md": "Title: A dated page\nDate: 2025-02-01 12:00\n\nA date here.\n",
}
LONDON_SUMMER = timezone(timedelta(hours=1))


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sitemap") / "content"
    for folder, files in (("posts", POSTS), ("pages", PAGES)):
        (root / folder).mkdir(parents=True)
        for name, text in files.items():
            (root / folder / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def entries(content: Path) -> dict[str, str | None]:
    """Build the fixture site; return {address: lastmod or None} from its sitemap."""
    output = content.parent / "output"
    build_fixture(content, output)
    urlset = ET.parse(output / "sitemap.xml").getroot()
    assert urlset.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in urlset.iter(f"{SITEMAP}url")
    }


def test_a_post_is_dated_by_its_modified_date_else_its_date(entries) -> None:
    assert entries["/posts/an-older-post/"] == "2025-03-01T09:00:00+00:00"
    assert entries["/posts/an-edited-post/"] == "2025-06-15T10:30:00+01:00"
    assert entries["/posts/the-newest-post/"] == "2025-05-01T09:00:00+01:00"


def test_a_page_is_dated_only_when_it_has_a_date(entries) -> None:
    assert entries["/a-dated-page/"] == "2025-02-01T12:00:00+00:00"
    # No date in the content: no <lastmod>, rather than the time of the build.
    assert entries["/an-undated-page/"] is None


def test_a_list_is_dated_by_the_newest_post_it_lists(entries) -> None:
    edited = "2025-06-15T10:30:00+01:00"
    assert entries["/tags/alpha/"] == edited
    assert entries["/tags/gamma/"] == "2025-05-01T09:00:00+01:00"
    assert entries["/"] == edited
    assert entries["/archives/"] == edited


def test_every_date_comes_from_the_content(entries) -> None:
    content_dates = {
        "2025-03-01T09:00:00+00:00",
        "2025-06-15T10:30:00+01:00",
        "2025-05-01T09:00:00+01:00",
        "2025-02-01T12:00:00+00:00",
    }
    assert {date for date in entries.values() if date} <= content_dates


def test_drafts_hidden_posts_and_the_404_page_are_not_listed(entries) -> None:
    listed = "\n".join(entries)
    for absent in ("a-draft-post", "a-hidden-post", "drafts/", "404", "robots"):
        assert absent not in listed
    assert entries, "the sitemap lists no page"


def test_addresses_are_sorted_absolute_and_escaped() -> None:
    date = datetime(2025, 7, 1, 8, 0, tzinfo=LONDON_SUMMER)
    xml = sitemap_xml(
        {"posts/b/": date, "": None, "tags/c & d/": None}, "https://example.org"
    ).decode()
    urlset = ET.fromstring(xml)
    assert [loc.text for loc in urlset.iter(f"{SITEMAP}loc")] == [
        "https://example.org/",
        "https://example.org/posts/b/",
        "https://example.org/tags/c%20%26%20d/",
    ]
    assert xml.startswith("<?xml version='1.0' encoding='utf-8'?>\n<urlset ")


def test_a_date_without_a_time_zone_is_written_as_the_day() -> None:
    assert w3c_datetime(datetime(2025, 7, 1, 8, 0)) == "2025-07-01"
    aware = datetime(2025, 7, 1, 8, 0, tzinfo=LONDON_SUMMER)
    assert w3c_datetime(aware) == "2025-07-01T08:00:00+01:00"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("^404", "must be a list of regular expressions, not '^404'"),
        (["(unclosed"], "'(unclosed' is not a regular expression"),
    ],
)
def test_a_wrong_exclude_setting_is_named(
    content: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, value, message
) -> None:
    with caplog.at_level(logging.ERROR):
        build_fixture(content, tmp_path, SITEMAP_XML_EXCLUDE=value)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, errors
    assert errors[0].startswith("sitemap_xml: SITEMAP_XML_EXCLUDE")
    assert message in errors[0]
    # The build goes on, leaving no page out.
    assert "/404.html" in (tmp_path / "sitemap.xml").read_text()
