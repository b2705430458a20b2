"""No broken internal link or anchor anywhere in the built site.

A crawl over the built files, as a host would serve them: a link to `/a/b/` needs
`a/b/index.html`, a link to `/a/b/#part` also needs an element with `id="part"`
on that page. Links to other sites are not followed (the tests run offline).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.quality.conftest import failure_list

# Attributes that hold a URL the reader follows or the browser loads.
URL_ATTRIBUTES = {
    "a": ["href"],
    "area": ["href"],
    "link": ["href"],
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "iframe": ["src"],
    "form": ["action"],
    "use": ["href"],
    "object": ["data"],
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""")
SITEMAP_LOC = re.compile(r"<loc>(.*?)</loc>")


def is_internal(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and bool(parts.path or parts.fragment)


def srcset_urls(value: str) -> list[str]:
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def page_ids(html: str) -> frozenset[str]:
    """Return every id a fragment can go to on the page ``html``."""
    soup = BeautifulSoup(html, "html.parser")
    ids = {element["id"] for element in soup.find_all(id=True)}
    ids |= {element["name"] for element in soup.find_all("a", attrs={"name": True})}
    return frozenset(ids)


def missing_anchor(
    fragment: str, ids: Callable[[], frozenset[str]], path: str
) -> str | None:
    """Say why the ``#fragment`` of a link to the page at ``path`` goes nowhere.

    ``ids`` gives the page's ids, read only when there is a fragment to look for.
    """
    fragment = unquote(fragment)
    # "#top" goes to the top of any page (HTML's rule for the fragment).
    if fragment and fragment != "top" and fragment not in ids():
        return f"no element with id {fragment!r} on {path}"
    return None


class BuiltSite:
    """The output folder, answering which URLs exist and which ids a page has."""

    def __init__(self, output: Path) -> None:
        self.output = output

    def file_for(self, path: str) -> tuple[Path | None, str]:
        """Return the file a host serves at ``path``, or None and why not."""
        target = self.output / unquote(path).lstrip("/")
        if path.endswith("/"):
            target = target / "index.html"
        if target.is_file():
            return target, ""
        if (target / "index.html").is_file():
            return None, "a folder: the link needs a trailing slash"
        return None, "no such file"

    @functools.cache  # noqa: B019 - one instance per test, over one build
    def ids(self, file: Path) -> frozenset[str]:
        return page_ids(file.read_text(encoding="utf-8"))

    def check(self, base: str, url: str) -> str | None:
        """Return why ``url`` (linked from the page at ``base``) is broken, or None."""
        parts = urlsplit(urljoin(base, url))
        file, why = self.file_for(parts.path)
        if file is None:
            return why
        if file.suffix != ".html":
            return None
        return missing_anchor(parts.fragment, lambda: self.ids(file), parts.path)


def page_links(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """Return ``(element description, url)`` for each URL in the page."""
    links = []
    for tag, attributes in URL_ATTRIBUTES.items():
        for element in soup.find_all(tag):
            for attribute in attributes:
                value = element.get(attribute)
                if not value:
                    continue
                urls = srcset_urls(value) if attribute == "srcset" else [value]
                links += [(f"<{tag} {attribute}>", url) for url in urls]
    return links


def test_no_broken_internal_links_or_anchors(site, site_pages):
    built = BuiltSite(site.output)
    problems = []
    checked = 0
    for site_page in site_pages:
        soup = BeautifulSoup(site_page.file.read_text(encoding="utf-8"), "html.parser")
        for where, url in page_links(soup):
            if not is_internal(url):
                continue
            checked += 1
            if why := built.check(site_page.path, url):
                problems.append(f"{site_page.path}: {where} {url} -> {why}")
    for stylesheet in sorted(site.output.rglob("*.css")):
        base = "/" + stylesheet.relative_to(site.output).as_posix()
        for _, url in CSS_URL.findall(stylesheet.read_text(encoding="utf-8")):
            if is_internal(url):
                checked += 1
                if why := built.check(base, url):
                    problems.append(f"{base}: url({url}) -> {why}")
    assert checked > len(site_pages), "the crawl found almost no links to check"
    assert not problems, failure_list("broken internal links and anchors", problems)


def test_sitemap_lists_only_pages_that_exist(site):
    built = BuiltSite(site.output)
    locations = SITEMAP_LOC.findall((site.output / "sitemap.xml").read_text())
    assert locations, "sitemap.xml lists no page"
    problems = [
        f"{location} -> {why}"
        for location in locations
        if (why := built.check("/", urlsplit(location).path))
    ]
    assert not problems, failure_list("sitemap entries with no page", problems)
