"""Site search: the Pagefind index every build ends with, the search page, the header.

The browser tests search for words that the index's own text shows in one page
only, so they follow the content as authors change it.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from tests.builds import ROOT, build_fixture
from tests.conftest import Build
from tests.server import SiteServer

# Pagefind writes each indexed page as a gzipped "fragment" behind this signature.
FRAGMENT_SIGNATURE = b"pagefind_dcd"
REQUIRED_PAGES = {"/terms/", "/disclaimer/", "/privacy/", "/about/"}
# Long words are rare in more than one page, and Pagefind's stemming cannot join
# two of them by a shared ending.
MIN_WORD_LENGTH = 9


def indexed_pages(output: Path) -> dict[str, dict]:
    """Return Pagefind's record of every indexed page, by URL."""
    pages = {}
    for fragment in (output / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(FRAGMENT_SIGNATURE), fragment
        record = json.loads(data[len(FRAGMENT_SIGNATURE) :])
        pages[record["url"]] = record
    return pages


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower()))


def words_only_in(url: str, pages: dict[str, dict], count: int) -> list[str]:
    """Return ``count`` long words found in ``url``'s indexed text and in no other page.

    A word is left out when another page has any word that starts with its first
    six letters, so stemming ("preparing", "prepared") cannot match elsewhere.
    """
    stems = Counter(
        word[:6]
        for record in pages.values()
        for word in words(record["content"] + " " + record["meta"]["title"])
    )
    own = words(pages[url]["content"])
    unique = sorted(w for w in own if len(w) >= MIN_WORD_LENGTH and stems[w[:6]] == 1)
    assert len(unique) >= count, f"{url} has too few words no other page has: {unique}"
    return unique[:count]


def at_a_part_of(url: str) -> re.Pattern:
    """Match ``url``, or ``url`` at a part of its page (a heading's id).

    A result leads to the part of its page whose words match best.
    """
    return re.compile(re.escape(url) + r"(#[\w-]+)?$")


@pytest.fixture(scope="module")
def index(site: Build) -> dict[str, dict]:
    return indexed_pages(site.output)


@pytest.fixture
def browser_problems(page: Page) -> list[str]:
    """Collect console errors and warnings (CSP violations among them), page errors."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            problems.append(f"console {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def test_index_holds_every_post_and_page_and_nothing_else(
    site: Build, index: dict[str, dict]
) -> None:
    posts = {
        f"/posts/{path.parent.name}/" for path in site.output.glob("posts/*/index.html")
    }
    assert posts, "the build wrote no posts"
    assert posts | REQUIRED_PAGES <= index.keys()
    # Lists, the home page, the search page and the 404 page repeat what the posts
    # say, or say nothing: a reader searching should land on a post or a page.
    not_content = ("/tags/", "/categories/", "/series/", "/archives/", "/drafts/")
    listed_elsewhere = {
        url
        for url in index
        if url in {"/", "/search/", "/404.html"} or url.startswith(not_content)
    }
    assert not listed_elsewhere


def test_index_holds_the_text_of_a_post_not_its_surroundings(
    index: dict[str, dict],
) -> None:
    post = index["/posts/informational-interviews-preparing/"]
    assert post["meta"]["title"] == "How to prepare for an informational interview"
    for surrounding in ("Skip to content", "Related posts", "Disclaimer:", "Part 2 of"):
        assert surrounding not in post["content"]


def test_search_from_the_header_with_the_keyboard_finds_the_post(
    page: Page, index: dict[str, dict], browser_problems: list[str]
) -> None:
    target = "/posts/thank-you-note-after-an-interview/"
    query = " ".join(words_only_in(target, index, 2))
    page.goto("/")
    field = page.get_by_role("searchbox", name="Search the site")
    for _ in range(10):  # skip link, home link, ... then the search field
        if field.evaluate("element => element === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(field).to_be_focused()
    page.keyboard.type(query)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q="))
    results = page.locator(".search__result")
    expect(results.first).to_be_visible()
    first_link = results.first.get_by_role("link")
    expect(first_link).to_have_attribute("href", at_a_part_of(target))
    expect(first_link).to_have_text(index[target]["meta"]["title"])
    expect(results.first.locator(".search__excerpt mark").first).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(f"for “{query}”")

    first_link.click()
    expect(page).to_have_url(at_a_part_of(target))
    assert browser_problems == []


def test_search_page_shows_results_as_you_type(
    page: Page, index: dict[str, dict], browser_problems: list[str]
) -> None:
    target = "/posts/informational-interviews-preparing/"
    (word,) = words_only_in(target, index, 1)
    page.goto("/search/")
    field = page.get_by_role("searchbox", name="Search all posts and pages")
    field.press_sequentially(word, delay=30)

    expect(page.get_by_role("status")).to_have_text(f"1 result for “{word}”")
    result = page.locator(".search__result")
    expect(result).to_have_count(1)
    expect(result.get_by_role("link")).to_have_attribute("href", at_a_part_of(target))
    expect(result.locator("mark")).to_contain_text(re.compile(word, re.IGNORECASE))
    # The words searched for stay in the address, for Back and for sharing.
    expect(page).to_have_url(re.compile(r"\?q=" + word))

    field.fill("")
    field.press_sequentially("zzqxv", delay=30)
    expect(page.get_by_role("status")).to_contain_text("No results for “zzqxv”")
    expect(page.locator(".search__result")).to_have_count(0)
    assert browser_problems == []


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_search_page_with_results_passes_axe(
    browser: Browser, base_url: str, color_scheme: str
) -> None:
    page = browser.new_page(base_url=base_url, color_scheme=color_scheme)
    page.goto("/search/?q=interview")
    expect(page.locator(".search__result").first).to_be_visible()
    result = Axe().run(page)
    page.close()
    assert result.violations_count == 0, result.generate_report()


def test_without_javascript_the_header_links_to_the_search_page(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/posts/informational-interviews-asking/")
    header = page.locator(".site-header")
    expect(header.get_by_role("searchbox")).to_be_hidden()
    link = header.get_by_role("link", name="Search")
    expect(link).to_be_visible()
    link.click()

    expect(page).to_have_url(re.compile(r"/search/$"))
    expect(page.get_by_text("Search needs JavaScript")).to_be_visible()
    expect(page.get_by_role("searchbox")).to_be_hidden()
    context.close()


# A checklist titled by a lead-in under a heading of the post, each kind of its
# text holding a word (by kind, below) that the post says nowhere else.
CHECKLIST_POST = """Title: Packing for a field trip
Date: 2026-02-01 09:00
Summary: What to take for a day outdoors.

## Keeping warm

Pack the night before, and look at the forecast.

Everything for the day: {: notes="Anything borrowed, such as binoculars" }

- [ ] A flask of cocoa

    Wrapped in a tea towel, it stays warm until noon.

- [ ] Walking boots {: notes="Which pair: the leather ones or the gaiters?" }
    - [ ] Spare laces
"""
CHECKLIST_POST_URL = "/posts/packing-for-a-field-trip/"
CHECKLIST_URL = (
    CHECKLIST_POST_URL + "#checklist-packing-for-a-field-trip--everything-for-the-day"
)
CHECKLIST_WORDS = {
    "item": "cocoa",
    "sub-item": "laces",
    "description": "towel",
    "item's notes prompt": "gaiters",
    "checklist's notes prompt": "binoculars",
}


def write_checklist_post(content: Path) -> None:
    (content / "posts").mkdir(parents=True, exist_ok=True)
    (content / "posts" / "packing.md").write_text(CHECKLIST_POST, encoding="utf-8")


def text_outside_checklists(html: str) -> str:
    """Return the text a post's page shows outside its checklists."""
    body = BeautifulSoup(html, "html.parser").select_one("[data-pagefind-body]")
    for checklist in body.select(".checklist"):
        checklist.decompose()
    return body.get_text(" ")


@pytest.fixture(scope="module")
def many_results_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve a small site with its index: 12 posts sharing a word, CHECKLIST_POST."""
    root = tmp_path_factory.mktemp("many_results")
    posts = root / "content" / "posts"
    posts.mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "extra", root / "content" / "extra")
    write_checklist_post(root / "content")
    for number in range(1, 13):
        (posts / f"post-{number}.md").write_text(
            f"Title: Post number {number}\nDate: 2026-01-{number:02d} 09:00\n"
            f"Summary: Test post {number}.\n\n"
            "Every one of these test posts mentions the quokka once.\n",
            encoding="utf-8",
        )
    output = root / "output"
    build_fixture(root / "content", output)  # the search index too
    post = (output / CHECKLIST_POST_URL.strip("/") / "index.html").read_text()
    outside = words(text_outside_checklists(post))
    assert outside.isdisjoint(CHECKLIST_WORDS.values()), (
        "a word is not only in a checklist"
    )
    with SiteServer(output) as server:
        yield server.url


def test_more_results_are_shown_on_request_and_focus_moves_to_them(
    page: Page, many_results_url: str, browser_problems: list[str]
) -> None:
    page.goto(f"{many_results_url}/search/?q=quokka")
    expect(page.get_by_role("status")).to_have_text("12 results for “quokka”")
    results = page.locator(".search__result")
    expect(results).to_have_count(10)

    more = page.get_by_role("button", name="Show more results")
    more.focus()
    page.keyboard.press("Enter")
    expect(results).to_have_count(12)
    expect(results.nth(10).get_by_role("link")).to_be_focused()
    expect(more).to_be_hidden()
    assert browser_problems == []


@pytest.mark.parametrize("kind", CHECKLIST_WORDS)
def test_a_word_only_in_a_checklist_leads_to_the_post_at_the_checklist(
    page: Page, many_results_url: str, kind: str, browser_problems: list[str]
) -> None:
    word = CHECKLIST_WORDS[kind]
    page.goto(f"{many_results_url}/search/?q={word}")
    # One result: the checklist's printable page, which has the same words, is not one.
    expect(page.get_by_role("status")).to_have_text(f"1 result for “{word}”")
    result = page.locator(".search__result")
    expect(result.locator(".search__excerpt mark")).to_have_text(
        re.compile(word, re.IGNORECASE)
    )
    link = result.get_by_role("link")
    expect(link).to_have_attribute("href", CHECKLIST_URL)

    link.click()
    expect(page).to_have_url(f"{many_results_url}{CHECKLIST_URL}")
    expect(page.locator(".checklist:target")).to_be_in_viewport()
    assert browser_problems == []


def test_the_sites_own_checklist_items_are_found_at_their_checklist(
    site: Build, page: Page, index: dict[str, dict], browser_problems: list[str]
) -> None:
    """A word of a checklist's items on the site, and nowhere else, leads there.

    For each checklist whose items have such a word: a word no other page and
    no other part of its post has, nor any word starting with its first six
    letters (so stemming cannot match elsewhere).
    """
    searched = 0
    for url in index:
        html = (site.output / url.strip("/") / "index.html").read_text()
        checklists = BeautifulSoup(html, "html.parser").select(".checklist")
        if not checklists:
            continue
        others = words(text_outside_checklists(html)) | {
            word
            for other_url, other in index.items()
            if other_url != url
            for word in words(other["content"] + " " + other["meta"]["title"])
        }
        stems = {word[:6] for word in others}
        for checklist in checklists:
            labels = " ".join(label.get_text(" ") for label in checklist("label"))
            own = [
                w
                for w in words(labels)
                if len(w) >= MIN_WORD_LENGTH and w[:6] not in stems
            ]
            if not own:
                continue
            word = max(own, key=len)
            page.goto(f"/search/?q={word}")
            result = page.locator(".search__result")
            expect(result).to_have_count(1)
            expect(result.locator(".search__excerpt mark")).to_have_text(
                re.compile(word, re.IGNORECASE)
            )
            expect(result.get_by_role("link")).to_have_attribute(
                "href", f"{url}#{checklist['id']}"
            )
            searched += 1
    assert searched, "no checklist on the site has a word of its own to search for"
    assert browser_problems == []


def test_a_result_leads_to_where_most_words_searched_for_are_together(
    page: Page, many_results_url: str, browser_problems: list[str]
) -> None:
    """Not to a heading that has one of them, though Pagefind ranks it higher."""
    page.goto(f"{many_results_url}/search/?q=warm cocoa")
    result = page.locator(".search__result")
    expect(result).to_have_count(1)
    expect(result.locator(".search__excerpt mark")).to_have_text(["cocoa", "warm"])
    expect(result.get_by_role("link")).to_have_attribute("href", CHECKLIST_URL)
    assert browser_problems == []
