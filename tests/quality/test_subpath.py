"""A site published under a sub-path keeps every address under that path.

`make publish SITEURL=http://127.0.0.1:PORT/blog`, served at `/blog/` by the test
server with nothing else on the host (tests/server.py), as a blog beside another
site on one domain would be. Read over http, as a browser and a crawler read it:

- every address the site writes (links, assets, module URLs in data attributes,
  canonical and Open Graph links, JSON-LD, feeds, the sitemap, robots.txt, the
  checklists' JSON index, the CSS's `url()`s) stays under `/blog/` and answers;
- a search finds a post and its result opens the post under `/blog/`;
- the Checklists page reads its index and shares links under `/blog/`.

The printed checklists' QR codes are read in test_paper.py, for this build too.
"""

from __future__ import annotations

import functools
import re
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import HTTPRedirectHandler, build_opener

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Browser, Page, expect

from tests.quality.conftest import SUBPATH, PublishedSite, failure_list, origin
from tests.quality.test_links import (
    CSS_URL,
    missing_anchor,
    page_ids,
    page_links,
)
from tests.quality.test_publish import IMMUTABLE
from tests.test_search import (
    browser_problems,  # noqa: F401 - a fixture, requested by name below
    indexed_pages,
    words_only_in,
)

# Files whose text may name addresses; Pagefind's index files are binary.
TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".css", ".js", ".svg"}
POST = "/posts/thank-you-note-after-an-interview/"
RESEARCH = "informational-interviews-preparing--research-checklist"


class NoRedirects(HTTPRedirectHandler):
    """A link must name the address itself, not one the host redirects from."""

    def redirect_request(self, *args, **kwargs) -> None:
        return None


class ServedSite:
    """The site as its server answers: the status and text of each address."""

    def __init__(self, site: PublishedSite) -> None:
        self.site = site
        self.origin = origin(site.url)
        self.opener = build_opener(NoRedirects)

    @functools.cache  # noqa: B019 - one instance per test, over one build
    def get(self, url: str) -> tuple[int, str]:
        try:
            with self.opener.open(url, timeout=10) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except HTTPError as error:
            return error.code, ""

    def problem(self, url: str) -> str | None:
        """Return why the site's own address ``url`` is wrong, or None."""
        address, fragment = urldefrag(url)
        path = urlsplit(address).path
        if not path.startswith(SUBPATH + "/"):
            return f"outside {SUBPATH}/"
        status, text = self.get(address)
        if status != 200:
            return f"status {status}"
        if not path.endswith((".html", "/")):
            return None
        return missing_anchor(fragment, lambda: page_ids(text), path)

    def addresses_in(self, url: str, text: str) -> set[str]:
        """Return the site's own addresses that the file at ``url`` names."""
        # Absolute ones anywhere in the text: attributes, JSON-LD, feeds, JSON.
        found = set(re.findall(re.escape(self.origin) + r"[^\s\"'<>()\\]*", text))
        named: list[str] = []
        if url.endswith((".html", "/")):
            soup = BeautifulSoup(text, "html.parser")
            named += [link for _, link in page_links(soup)]
            # Root-relative values in any attribute: data attributes, for one.
            named += [
                value
                for element in soup.find_all(True)
                for value in element.attrs.values()
                if isinstance(value, str) and re.match(r"/(?!/)", value)
            ]
        elif url.endswith(".css"):
            named += [link for _, link in CSS_URL.findall(text)]
        for link in named:
            absolute = urljoin(url, link)
            if origin(absolute) == self.origin:
                found.add(absolute)
        return found


@pytest.fixture(scope="module")
def served(published_under_subpath: PublishedSite) -> ServedSite:
    return ServedSite(published_under_subpath)


def test_nothing_is_served_outside_the_sub_path(served: ServedSite) -> None:
    """The server answers only under /blog/, so an escaping address fails."""
    assert served.get(f"{served.site.url}{POST}")[0] == 200
    assert served.get(f"{served.origin}{POST}")[0] == 404
    assert served.get(f"{served.origin}/")[0] == 404


def test_every_address_the_site_names_is_under_the_sub_path(
    served: ServedSite,
) -> None:
    output = served.site.output
    files = sorted(
        path
        for path in output.rglob("*")
        if path.suffix in TEXT_SUFFIXES and path.is_file()
    )
    problems = []
    checked: set[str] = set()
    for file in files:
        relative = file.relative_to(output).as_posix()
        url = f"{served.site.url}/{relative.removesuffix('index.html')}"
        status, text = served.get(url)
        if status != 200:
            problems.append(f"/{relative}: served with status {status}")
            continue
        for address in sorted(served.addresses_in(url, text)):
            checked.add(address)
            if why := served.problem(address):
                problems.append(f"/{relative}: {address} -> {why}")
    # The pages, the feeds, the sitemap, and the assets and modules they name.
    assert len(checked) > 2 * len(list(output.rglob("*.html"))), checked
    assert not problems, failure_list("addresses that leave the sub-path", problems)


def test_every_page_names_its_own_address_as_canonical(
    served: ServedSite,
) -> None:
    output = served.site.output
    problems = []
    for file in sorted(output.rglob("index.html")):
        relative = file.relative_to(output).as_posix().removesuffix("index.html")
        address = f"{served.site.url}/{relative}"
        soup = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
        named = {
            "canonical": soup.find("link", rel="canonical")["href"],
            "og:url": soup.find("meta", property="og:url")["content"],
        }
        problems += [
            f"/{relative}: {kind} {value}"
            for kind, value in named.items()
            if value != address
        ]
    assert not problems, failure_list("pages that name another address", problems)


def test_headers_apply_under_the_sub_path(served: ServedSite) -> None:
    [stylesheet] = served.site.output.glob("assets/css/main.*.css")
    asset = f"{served.site.url}/assets/css/{stylesheet.name}"
    with served.opener.open(asset) as response:
        assert response.headers["Cache-Control"] == IMMUTABLE
    with served.opener.open(f"{served.site.url}/") as response:
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]


def test_a_search_result_opens_the_post_under_the_sub_path(
    page: Page,
    published_under_subpath: PublishedSite,
    browser_problems: list[str],  # noqa: F811 - the fixture imported above
) -> None:
    site = published_under_subpath
    index = indexed_pages(site.output)
    query = " ".join(words_only_in(POST, index, 2))
    page.goto(f"{site.url}/")
    field = page.get_by_role("searchbox", name="Search the site")
    field.fill(query)
    field.press("Enter")

    expect(page).to_have_url(re.compile(re.escape(f"{site.url}/search/?q=")))
    result = page.locator(".search__result").first
    # The post, or a part of it (a heading, a checklist) after a "#".
    at_the_post = f"{re.escape(SUBPATH + POST)}(#.*)?$"
    link = result.get_by_role("link")
    expect(link).to_have_attribute("href", re.compile(f"^{at_the_post}"))
    link.click()
    expect(page).to_have_url(re.compile(f"^{re.escape(origin(site.url))}{at_the_post}"))
    expect(page.locator("h1")).to_have_text(index[POST]["meta"]["title"])
    assert browser_problems == []


def test_the_checklists_page_reads_progress_and_shares_links_under_the_sub_path(
    browser: Browser, published_under_subpath: PublishedSite
) -> None:
    site = published_under_subpath
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site.url}/posts/informational-interviews-preparing/")
    page.get_by_role(
        "checkbox", name="Check for recent news about the organisation"
    ).check()
    page.goto(f"{site.url}/checklists/")
    # The count comes from the checklists' JSON index, fetched under /blog/.
    expect(page.locator(f'[data-checklist-progress-of="{RESEARCH}"]')).to_have_text(
        "1 of 7 done"
    )
    page.get_by_role(
        "button", name="Copy a link with my progress for “Research checklist”"
    ).click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"{site.url}/checklists/{RESEARCH}/#progress=")
    context.close()
