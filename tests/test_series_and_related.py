"""Series pages and related posts (the series_and_related plugin).

Three levels: the ranking of related posts alone; small builds of fixture posts
(tests/fixtures/series_drafts/: a series with a draft part, a hidden post; and
tests/fixtures/series_slug_clash/); and the real site, in the browser.
"""

from __future__ import annotations

import random
import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from plugins.series_and_related.series_and_related import (
    assign_related_posts,
    rank_related,
)
from tests.authoring.helpers import summary_entries
from tests.builds import build_fixture, make
from tests.conftest import Build
from tests.test_search import indexed_pages
from tests.test_site_build import (
    FIXTURES,
    post_file,
    published_posts,
    series_posts,
    slug,
    soup,
)


def post(title: str, day: int, tags: tuple[str, ...] = (), series: str = ""):
    """Return a stand-in for a Pelican article: the fields rank_related reads."""
    return SimpleNamespace(
        title=title,
        date=datetime(2026, 1, day),
        tags=list(tags),
        metadata={"series": series} if series else {},
    )


def titles(posts: list) -> list[str]:
    return [each.title for each in posts]


# The ranking alone


def test_same_series_comes_before_shared_tags() -> None:
    target = post("target", 10, ("cv", "letters"), series="S")
    sibling = post("sibling", 1, series="S")
    tagged = post("shares both tags", 20, ("cv", "letters"))
    assert titles(rank_related(target, [tagged, sibling], 3)) == [
        "sibling",
        "shares both tags",
    ]


def test_more_shared_tags_first_then_newer() -> None:
    target = post("target", 10, ("a", "b", "c"))
    candidates = [
        post("one tag, old", 1, ("a",)),
        post("two tags, old", 2, ("a", "b")),
        post("one tag, new", 30, ("c",)),
    ]
    assert titles(rank_related(target, candidates, 3)) == [
        "two tags, old",
        "one tag, new",
        "one tag, old",
    ]


def test_never_the_post_itself_nor_a_post_with_nothing_in_common() -> None:
    target = post("target", 10, ("a",), series="S")
    unrelated = post("unrelated", 11, ("z",), series="Other")
    assert rank_related(target, [target, unrelated], 3) == []


def test_at_most_the_limit() -> None:
    target = post("target", 10, ("a",))
    candidates = [post(f"post {day}", day, ("a",)) for day in range(1, 6)]
    assert titles(rank_related(target, candidates, 3)) == ["post 5", "post 4", "post 3"]
    assert rank_related(target, candidates, 0) == []


def test_a_whole_build_ranks_as_comparing_every_pair_of_posts_would() -> None:
    """The index behind a build's related posts changes no post's list.

    Many posts, few tags, few dates: ties on series, shared tags and date are
    common, and must keep the order of the listed posts.
    """
    rng = random.Random(6)

    def article(number: int, lang: str) -> SimpleNamespace:
        series = rng.choice(["", "S1", "S2", "S3"])
        each = post(
            f"{lang} {number}",
            rng.randint(1, 5),
            tuple(rng.sample("abcdefgh", rng.randint(0, 3))),
            series=series,
        )
        each.lang, each.translations = lang, []
        return each

    listed = [article(number, rng.choice(["en", "fr"])) for number in range(200)]
    drafts = [article(number, "en") for number in range(200, 210)]
    hidden = [article(number, "de") for number in range(210, 215)]
    assign_related_posts(
        {"articles": listed, "drafts": drafts, "hidden_articles": hidden}, 3
    )

    def compared_with_every_post(each: SimpleNamespace) -> list[str]:
        series = each.metadata.get("series")
        ranked = []
        for position, other in enumerate(listed):
            if other is each or other.lang != each.lang:
                continue
            same_series = series is not None and other.metadata.get("series") == series
            shared_tags = len(set(each.tags) & set(other.tags))
            if same_series or shared_tags:
                key = (same_series, shared_tags, other.date, -position)
                ranked.append((key, other.title))
        return [title for _, title in sorted(ranked, reverse=True)[:3]]

    for each in [*listed, *drafts, *hidden]:
        assert titles(each.related_posts) == compared_with_every_post(each), each.title
    assert any(each.related_posts for each in drafts)
    assert all(each.related_posts == [] for each in hidden)


# Small builds of fixture posts


@pytest.fixture(scope="module")
def drafts_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("series_drafts")
    build_fixture(FIXTURES / "series_drafts", output)
    return output


def test_series_page_lists_published_parts_only_in_order(drafts_build: Path) -> None:
    page = soup(drafts_build, "series/getting-started/index.html")
    assert page.h1.get_text(strip=True) == "Getting started"
    cards = page.select(".post-card")
    assert [card.h2.get_text(strip=True) for card in cards] == [
        "First steps",
        "Second steps",
        "Last steps",
    ]
    for number, card in enumerate(cards, start=1):
        assert f"Part {number} of 3" in card.get_text(" ", strip=True)
    assert cards[1].select_one(".post-card__summary").get_text(strip=True) == (
        "The second published part."
    )


def test_a_draft_part_is_not_counted_or_linked(drafts_build: Path) -> None:
    box = soup(drafts_build, "posts/second-steps/index.html").select_one(".series-box")
    assert box.select_one(".series-box__title").get_text(" ", strip=True) == (
        "Part 2 of 3 in Getting started"
    )
    assert box.select_one(".series-box__previous a")["href"] == "/posts/first-steps/"
    assert "unfinished" not in str(box)


def related_links(output: Path, relative: str) -> list[str]:
    page = soup(output, relative)
    return [link["href"] for link in page.select(".related-posts li > a")]


def test_related_posts_same_series_then_shared_tags(drafts_build: Path) -> None:
    assert related_links(drafts_build, "posts/first-steps/index.html") == [
        # same series: more shared tags first ("planning"), then newer
        "/posts/last-steps/",
        "/posts/second-steps/",
        # not in the series, but two shared tags; the draft and the hidden post
        # with the same tags are never offered
        "/posts/goal-setting/",
    ]
    assert related_links(drafts_build, "posts/unrelated/index.html") == []


@pytest.fixture(scope="module")
def preview_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the drafts fixture as `make serve` does: drafts listed with the posts."""
    output = tmp_path_factory.mktemp("series_drafts_preview")
    build_fixture(FIXTURES / "series_drafts", output, DRAFT_PREVIEW=True)
    return output


def test_while_previewing_drafts_a_draft_part_takes_its_place(
    preview_build: Path,
) -> None:
    page = soup(preview_build, "series/getting-started/index.html")
    assert [card.h2.get_text(strip=True) for card in page.select(".post-card")] == [
        "First steps",
        "An unfinished part",
        "Second steps",
        "Last steps",
    ]
    box = soup(preview_build, "posts/second-steps/index.html").select_one(".series-box")
    assert "Part 3 of 4" in box.get_text(" ", strip=True)


def test_drafts_are_not_indexed_for_search(
    drafts_build: Path, preview_build: Path
) -> None:
    for output in (drafts_build, preview_build):
        urls = set(indexed_pages(output))
        assert {"/posts/first-steps/", "/posts/goal-setting/"} <= urls
        # Neither the draft nor the hidden post, though both pages are written.
        assert not any(url.startswith("/drafts/") for url in urls), sorted(urls)
        assert (output / "posts/hidden-goals/index.html").is_file()
        assert "/posts/hidden-goals/" not in urls


def test_two_series_with_one_address_is_one_error_with_file_and_line(
    tmp_path: Path,
) -> None:
    result = make(
        "html",
        f"CONTENTDIR={FIXTURES / 'series_slug_clash'}",
        f"OUTPUTDIR={tmp_path}",
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    # Said once, to the author, on the line to change (the fixture's posts have
    # no tags either: warnings).
    [entry] = [e for e in summary_entries(log) if e.severity == "error"]
    assert (Path(entry.path).name, entry.line, entry.severity) == (
        "two.md",
        3,
        "error",
    )
    assert '"Job Search!" differs from the series "Job search"' in entry.message
    assert '"Series: Job search" exactly' in entry.fix
    # One page for the address, the first series'.
    page = soup(tmp_path, "series/job-search/index.html")
    assert [h2.get_text(strip=True) for h2 in page.select(".post-card h2")] == ["One"]


# The real site


def series_parts() -> list[dict[str, str]]:
    parts = sorted(series_posts(), key=lambda part: int(part["series_index"]))
    assert len({part["series"] for part in parts}) == 1, "one series expected"
    return parts


def test_series_page_lists_the_parts_in_order_with_summaries(page: Page) -> None:
    parts = series_parts()
    page.goto(f"/series/{slug(parts[0]['series'])}/")
    expect(page.locator("h1")).to_have_text(parts[0]["series"])
    cards = page.locator(".post-card")
    expect(cards.locator("h2")).to_have_text([part["title"] for part in parts])
    for number, part in enumerate(parts, start=1):
        card = cards.nth(number - 1)
        expect(card).to_contain_text(f"Part {number} of {len(parts)}")
        expect(card.locator(".post-card__summary")).to_have_text(part["summary"])


@pytest.mark.parametrize("part", series_posts(), ids=lambda part: part["slug"])
def test_every_part_links_to_its_series_page(page: Page, part: dict[str, str]) -> None:
    page.goto(f"/posts/{part['slug']}/")
    page.locator(".series-box").get_by_role("link", name=part["series"]).click()
    expect(page).to_have_url(re.compile(rf"/series/{slug(part['series'])}/$"))
    expect(page.locator("h1")).to_have_text(part["series"])
    expect(page.get_by_role("link", name=part["title"])).to_be_visible()


def test_series_index_lists_each_series_with_its_parts(page: Page) -> None:
    parts = series_parts()
    page.goto("/series/")
    item = page.locator(".term-list li")
    expect(item).to_have_count(1)
    expect(item).to_contain_text(f"{parts[0]['series']} {len(parts)} posts")


def test_every_post_shows_up_to_three_related_posts(site: Build) -> None:
    posts = published_posts()
    urls = {f"/posts/{each['slug']}/": each for each in posts}
    for each in posts:
        own_url = f"/posts/{each['slug']}/"
        page: BeautifulSoup = soup(site.output, post_file(each))
        links = related_links(site.output, post_file(each))
        assert len(links) <= 3, own_url
        assert own_url not in links
        assert set(links) <= urls.keys(), f"{own_url}: not a published post"
        siblings = [
            url
            for url, other in urls.items()
            if each.get("series") and other.get("series") == each["series"]
        ]
        expected_first = min(3, len(siblings) - 1) if siblings else 0
        assert set(links[:expected_first]) <= set(siblings), own_url
        if not links:
            continue
        # After the disclaimer, before the links to the previous and next posts.
        order = [
            element.get("class")[0]
            for element in page.select(".disclaimer, .related-posts, .post-nav")
        ]
        assert order.index("related-posts") > order.index("disclaimer"), own_url
        if "post-nav" in order:
            assert order.index("related-posts") < order.index("post-nav"), own_url
