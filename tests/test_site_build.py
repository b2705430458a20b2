"""The real site builds cleanly and has every page a reader or a crawler looks for.

Also a small build of fixture posts (tests/fixtures/disclaimers/) for the
per-post disclaimer: the site's text, a post's own text, and `Disclaimer: none`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican.settings import DEFAULT_CONFIG, read_settings
from pelican.utils import slugify

from plugins.post_meta.post_meta import reading_time
from tests.authoring.helpers import summary_entries
from tests.builds import ROOT, build_fixture, make
from tests.conftest import Build

FIXTURES = Path(__file__).parent / "fixtures"
SETTINGS = read_settings(str(ROOT / "pelican.conf.py"))
SITE_PAGES = ["terms", "disclaimer", "privacy", "about"]


def read_metadata(path: Path) -> dict[str, str]:
    """Return the header fields of a Markdown post (keys lower-cased)."""
    metadata = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        metadata[key.strip().lower()] = value.strip()
    return metadata


def published_posts() -> list[dict[str, str]]:
    posts = []
    for path in sorted((ROOT / "content" / "posts").glob("*.md")):
        metadata = read_metadata(path)
        if metadata.get("status", "published") == "published":
            metadata.setdefault("slug", path.stem)
            posts.append(metadata)
    assert posts, "content/posts/ has no published posts"
    return posts


def slug(name: str) -> str:
    return slugify(name, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def soup(build_output: Path, relative: str) -> BeautifulSoup:
    return BeautifulSoup(
        (build_output / relative).read_text(encoding="utf-8"), "html.parser"
    )


def post_file(post: dict[str, str]) -> str:
    return f"posts/{post['slug']}/index.html"


def test_build_log_has_no_warnings_or_errors(site: Build) -> None:
    problems = [
        line
        for line in site.log.splitlines()
        if re.search(r"\b(WARNING|ERROR|CRITICAL)\b", line)
    ]
    assert problems == [], "the build logged:\n" + "\n".join(problems)


def expected_files() -> list[str]:
    files = [
        "index.html",
        "archives/index.html",
        "tags/index.html",
        "categories/index.html",
        "404.html",
        "feeds/all.atom.xml",
        "sitemap.xml",
        "robots.txt",
        "favicon.svg",
        *(f"{page}/index.html" for page in SITE_PAGES),
    ]
    categories = {
        post.get("category", SETTINGS["DEFAULT_CATEGORY"]) for post in published_posts()
    }
    tags = {
        tag.strip()
        for post in published_posts()
        for tag in post.get("tags", "").split(",")
        if tag.strip()
    }
    files += [post_file(post) for post in published_posts()]
    files += [
        f"categories/{slug(category)}/index.html" for category in sorted(categories)
    ]
    files += [f"feeds/{slug(category)}.atom.xml" for category in sorted(categories)]
    files += [f"tags/{slug(tag)}/index.html" for tag in sorted(tags)]
    return files


@pytest.mark.parametrize("relative", expected_files())
def test_page_exists(site: Build, relative: str) -> None:
    path = site.output / relative
    assert path.is_file(), f"{relative} is missing from the build"
    assert path.stat().st_size > 0, f"{relative} is empty"


def html_files(site: Build) -> list[Path]:
    return sorted(site.output.rglob("*.html"))


def test_every_page_has_a_title_a_main_and_a_description(site: Build) -> None:
    problems = []
    for path in html_files(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        name = path.relative_to(site.output)
        if not (page.title and page.title.string and page.title.string.strip()):
            problems.append(f"{name}: no <title>")
        if page.find("main", id="main") is None:
            problems.append(f'{name}: no <main id="main">')
        description = page.find("meta", attrs={"name": "description"})
        if description is None or not description.get("content", "").strip():
            problems.append(f"{name}: no meta description")
        if len(page.find_all("h1")) != 1:
            problems.append(f"{name}: {len(page.find_all('h1'))} <h1> elements, not 1")
    assert problems == []


def test_every_stylesheet_script_and_icon_a_page_loads_exists(site: Build) -> None:
    missing = set()
    for path in html_files(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        targets = [
            link["href"] for link in page.find_all("link", rel=["stylesheet", "icon"])
        ]
        targets += [script["src"] for script in page.find_all("script", src=True)]
        for target in targets:
            assert target.startswith("/"), f"{path.name}: {target} is not root-relative"
            if not (site.output / target.lstrip("/")).is_file():
                missing.add(target)
    assert missing == set()


def test_no_inline_script_or_style_anywhere(site: Build) -> None:
    """The strict Content-Security-Policy blocks inline code: no page may need it."""
    problems = []
    for path in html_files(site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        name = path.relative_to(site.output)
        for script in page.find_all("script"):
            is_data = script.get("type") == "application/ld+json"
            if not is_data and not script.get("src"):
                problems.append(f"{name}: inline <script>")
        if page.find("style"):
            problems.append(f"{name}: <style> element")
        for element in page.find_all(style=True):
            problems.append(f"{name}: style attribute on <{element.name}>")
        for element in page.find_all(True):
            handlers = [attr for attr in element.attrs if attr.startswith("on")]
            if handlers:
                problems.append(f"{name}: event handler {handlers} on <{element.name}>")
    assert problems == []


@pytest.mark.parametrize("post", published_posts(), ids=lambda post: post["slug"])
def test_post_page(site: Build, post: dict[str, str]) -> None:
    page = soup(site.output, post_file(post))
    assert page.find("h1").get_text(strip=True) == post["title"]
    assert page.title.string == f"{post['title']} · {SETTINGS['SITENAME']}"

    published = page.select_one(".post-meta time")
    assert published["datetime"].startswith(post["date"][:10])
    assert re.fullmatch(
        r"\d+ min read",
        page.select_one(".post-meta").get_text(" ", strip=True).split("· ")[-1],
    )

    category = post.get("category", SETTINGS["DEFAULT_CATEGORY"])
    assert (
        page.select_one(".post-category a")["href"] == f"/categories/{slug(category)}/"
    )
    tags = [link.get_text(strip=True) for link in page.select(".tag-list a")]
    assert tags == [
        tag.strip() for tag in post.get("tags", "").split(",") if tag.strip()
    ]

    disclaimer = page.select_one(".disclaimer")
    expected = post.get("disclaimer", SETTINGS["SITE_DISCLAIMER"])
    if expected.lower() == "none":
        assert disclaimer is None
        return
    assert disclaimer is not None, "the post has no disclaimer"
    assert " ".join(expected.split()) in disclaimer.get_text(" ", strip=True)
    assert disclaimer.find("a", href="/terms/") is not None


@pytest.mark.parametrize("post", published_posts(), ids=lambda post: post["slug"])
def test_post_head_describes_the_post(site: Build, post: dict[str, str]) -> None:
    page = soup(site.output, post_file(post))
    url = f"/posts/{post['slug']}/"
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description == post["summary"]
    assert page.find("link", rel="canonical")["href"] == url

    def og(name: str) -> str:
        return page.find("meta", property=f"og:{name}")["content"]

    assert (og("type"), og("url"), og("title"), og("description")) == (
        "article",
        url,
        post["title"],
        post["summary"],
    )

    blocks = page.find_all("script", type="application/ld+json")
    assert len(blocks) == 1
    data = json.loads(blocks[0].string)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == post["title"]
    assert data["description"] == post["summary"]
    assert data["url"] == url
    assert data["datePublished"].startswith(post["date"][:10])


def series_posts() -> list[dict[str, str]]:
    return [post for post in published_posts() if post.get("series")]


def test_series_box_names_the_part_and_links_both_ways(site: Build) -> None:
    posts = series_posts()
    assert posts, "the content has no series to test"
    by_series: dict[str, list[dict[str, str]]] = {}
    for post in posts:
        by_series.setdefault(post["series"], []).append(post)
    for name, parts in by_series.items():
        parts.sort(key=lambda post: int(post.get("series_index", 0)))
        for number, post in enumerate(parts, start=1):
            box = soup(site.output, post_file(post)).select_one(".series-box")
            assert box is not None, f"{post['slug']}: no series box"
            title = box.select_one(".series-box__title")
            assert (
                title.get_text(" ", strip=True)
                == f"Part {number} of {len(parts)} in {name}"
            )
            assert title.a["href"] == f"/series/{slug(name)}/"
            assert (site.output / f"series/{slug(name)}/index.html").is_file()
            previous = box.select_one(".series-box__previous a")
            following = box.select_one(".series-box__next a")
            if number > 1:
                assert previous["href"] == f"/posts/{parts[number - 2]['slug']}/"
            else:
                assert previous is None
            if number < len(parts):
                assert following["href"] == f"/posts/{parts[number]['slug']}/"
            else:
                assert following is None


def test_posts_without_a_series_have_no_series_box(site: Build) -> None:
    for post in published_posts():
        if not post.get("series"):
            assert soup(site.output, post_file(post)).select_one(".series-box") is None


def test_post_neighbours_link_to_older_and_newer_posts(site: Build) -> None:
    posts = sorted(published_posts(), key=lambda post: post["date"])
    for position, post in enumerate(posts):
        page = soup(site.output, post_file(post))
        previous = page.select_one(".post-nav__previous a")
        following = page.select_one(".post-nav__next a")
        older = posts[position - 1] if position else None
        newer = posts[position + 1] if position + 1 < len(posts) else None
        assert (previous["href"] if previous else None) == (
            f"/posts/{older['slug']}/" if older else None
        )
        assert (following["href"] if following else None) == (
            f"/posts/{newer['slug']}/" if newer else None
        )


def test_home_lists_the_latest_posts_with_summaries(site: Build) -> None:
    page = soup(site.output, "index.html")
    newest = sorted(published_posts(), key=lambda post: post["date"], reverse=True)
    cards = page.select(".post-card")
    shown = newest[: SETTINGS["DEFAULT_PAGINATION"]]
    assert [card.h2.get_text(strip=True) for card in cards] == [
        post["title"] for post in shown
    ]
    for card, post in zip(cards, shown, strict=True):
        assert (
            card.select_one(".post-card__summary").get_text(" ", strip=True)
            == post["summary"]
        )


@pytest.mark.parametrize(
    ("relative", "current"),
    [
        ("index.html", "Home"),
        ("tags/index.html", "Topics"),
        ("archives/index.html", "Archives"),
        ("about/index.html", "About"),
        ("terms/index.html", None),
    ],
)
def test_navigation_marks_the_current_page(
    site: Build, relative: str, current: str | None
) -> None:
    nav = soup(site.output, relative).select_one("nav.site-nav")
    labels = [link.get_text(strip=True) for link in nav.find_all("a")]
    assert labels == ["Home", "Checklists", "Topics", "Archives", "About"]
    marked = [
        link.get_text(strip=True)
        for link in nav.find_all("a", attrs={"aria-current": "page"})
    ]
    assert marked == ([current] if current else [])


def test_tag_index_counts_posts(site: Build) -> None:
    counts: dict[str, int] = {}
    for post in published_posts():
        for tag in filter(
            None, (tag.strip() for tag in post.get("tags", "").split(","))
        ):
            counts[tag] = counts.get(tag, 0) + 1
    items = soup(site.output, "tags/index.html").select(".term-list li")
    shown = {
        item.a.get_text(strip=True): item.select_one(".term-list__count").get_text()
        for item in items
    }
    assert shown == {
        tag: f"{count} post{'s' if count != 1 else ''}" for tag, count in counts.items()
    }


def test_tag_and_category_pages_list_their_posts_with_summaries(site: Build) -> None:
    posts = published_posts()
    tag = posts[0]["tags"].split(",")[0].strip()
    tagged = [
        post
        for post in posts
        if tag in [t.strip() for t in post.get("tags", "").split(",")]
    ]
    page = soup(site.output, f"tags/{slug(tag)}/index.html")
    assert page.h1.get_text(strip=True) == tag
    assert {card.h2.get_text(strip=True) for card in page.select(".post-card")} == {
        post["title"] for post in tagged
    }
    assert all(
        card.select_one(".post-card__summary").get_text(strip=True)
        for card in page.select(".post-card")
    )

    category = posts[0].get("category", SETTINGS["DEFAULT_CATEGORY"])
    in_category = [
        post
        for post in posts
        if post.get("category", SETTINGS["DEFAULT_CATEGORY"]) == category
    ]
    page = soup(site.output, f"categories/{slug(category)}/index.html")
    assert page.h1.get_text(strip=True) == category
    assert {card.h2.get_text(strip=True) for card in page.select(".post-card")} == {
        post["title"] for post in in_category
    }


def test_archives_list_every_post(site: Build) -> None:
    links = {
        a["href"]
        for a in soup(site.output, "archives/index.html").select(".archive-list a")
    }
    assert links == {f"/posts/{post['slug']}/" for post in published_posts()}


def test_404_page_is_designed_and_not_indexed(site: Build) -> None:
    page = soup(site.output, "404.html")
    assert page.h1.get_text(strip=True) == "Page not found"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("link", rel="canonical") is None
    assert page.select_one(".not-found a[href='/']") is not None
    # Served at any missing path: every link and asset must not depend on where it is.
    for element in page.find_all(["a", "link", "script"]):
        target = element.get("href") or element.get("src")
        if target:
            assert target.startswith(("/", "#", "http")), (
                f"404.html has a relative URL: {target}"
            )


def test_footer_links(site: Build) -> None:
    footer = soup(site.output, "index.html").select_one("footer.site-footer")
    links = {a.get_text(strip=True): a["href"] for a in footer.find_all("a")}
    assert links == {
        "Terms and Conditions": "/terms/",
        "Disclaimer": "/disclaimer/",
        "Privacy": "/privacy/",
        "About": "/about/",
        "Atom feed": "/feeds/all.atom.xml",
    }


def test_robots_txt_allows_all_and_has_no_relative_sitemap(site: Build) -> None:
    robots = (site.output / "robots.txt").read_text()
    assert robots.splitlines()[:2] == ["User-agent: *", "Allow: /"]
    # A Sitemap line must be absolute; a development build has no SITEURL.
    assert "Sitemap:" not in robots


def test_sitemap_lists_posts_and_pages_but_not_the_404(site: Build) -> None:
    sitemap = (site.output / "sitemap.xml").read_text()
    locations = re.findall(r"<loc>(.*?)</loc>", sitemap)
    for post in published_posts():
        assert f"/posts/{post['slug']}/" in locations
    for page in SITE_PAGES:
        assert f"/{page}/" in locations
    assert not [loc for loc in locations if "404" in loc or "robots" in loc]


def test_favicon_is_a_small_svg(site: Build) -> None:
    favicon = (site.output / "favicon.svg").read_text()
    assert favicon.lstrip().startswith("<svg")
    assert len(favicon.encode()) < 1024


def test_reading_time_rounds_up_to_whole_minutes() -> None:
    assert reading_time("<p>one two three</p>", 220) == 1
    assert reading_time("<p>" + "word " * 220 + "</p>", 220) == 1
    assert reading_time("<p>" + "word " * 221 + "</p>", 220) == 2
    # Markup is not counted as words.
    assert reading_time('<ul><li><a href="/x/">one</a></li></ul>' * 300, 100) == 3


@pytest.fixture(scope="module")
def disclaimer_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("disclaimers")
    build_fixture(FIXTURES / "disclaimers", output)
    return output


def test_post_without_disclaimer_metadata_ends_with_the_site_disclaimer(
    disclaimer_build: Path,
) -> None:
    disclaimer = soup(disclaimer_build, "posts/site-disclaimer/index.html").select_one(
        ".disclaimer"
    )
    assert SETTINGS["SITE_DISCLAIMER"] in disclaimer.get_text(" ", strip=True)
    assert (
        disclaimer.find("a", href="/terms/").get_text(strip=True)
        == "Terms and Conditions"
    )


def test_post_with_its_own_disclaimer_shows_that_text_instead(
    disclaimer_build: Path,
) -> None:
    disclaimer = soup(disclaimer_build, "posts/own-disclaimer/index.html").select_one(
        ".disclaimer"
    )
    text = disclaimer.get_text(" ", strip=True)
    assert "Salary figures in this post are rough ranges & change every year." in text
    assert SETTINGS["SITE_DISCLAIMER"] not in text
    assert disclaimer.find("a", href="/terms/") is not None


def test_disclaimer_none_leaves_the_disclaimer_out(disclaimer_build: Path) -> None:
    page = soup(disclaimer_build, "posts/no-disclaimer/index.html")
    assert page.h1.get_text(strip=True) == "A post without a disclaimer"
    assert page.select_one(".disclaimer") is None
    assert SETTINGS["SITE_DISCLAIMER"] not in page.get_text(" ")


def test_empty_disclaimer_line_is_reported_with_its_file_and_line(
    tmp_path: Path,
) -> None:
    result = make(
        "html",
        f"CONTENTDIR={FIXTURES / 'disclaimer_empty'}",
        f"OUTPUTDIR={tmp_path}",
    )
    log = result.stdout + result.stderr
    # A warning: the post is built, with the site's disclaimer.
    assert result.returncode == 0, log
    disclaimer = [
        (Path(e.path).name, e.line, e.severity, e.message, e.fix)
        for e in summary_entries(log)
        if "Disclaimer" in e.message
    ]
    assert disclaimer == [
        (
            "empty-disclaimer.md",
            5,
            "warning",
            "The Disclaimer line is empty, so this post ends with the site's "
            "disclaimer.",
            "write this post's own disclaimer after the colon, or "
            '"Disclaimer: none" to leave it out of this post.',
        )
    ]


def test_home_paginates_with_links_both_ways(tmp_path: Path) -> None:
    per_page = SETTINGS["DEFAULT_PAGINATION"]
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    for number in range(1, per_page + 3):
        (posts / f"post-{number}.md").write_text(
            f"Title: Post {number}\nDate: 2026-01-{number:02d}\n"
            f"Summary: Summary {number}.\n\nBody of post {number}.\n"
        )
    output = tmp_path / "output"
    build_fixture(tmp_path / "content", output)

    first = soup(output, "index.html")
    assert len(first.select(".post-card")) == per_page
    assert (
        first.select_one(".post-card h2").get_text(strip=True) == f"Post {per_page + 2}"
    )
    pagination = first.select_one("nav.pagination")
    assert pagination.select_one("[rel=prev]") is None
    assert pagination.select_one("[rel=next]")["href"] == "/page/2/"
    assert "Page 1 of 2" in pagination.get_text()

    second = soup(output, "page/2/index.html")
    assert [card.h2.get_text(strip=True) for card in second.select(".post-card")] == [
        "Post 2",
        "Post 1",
    ]
    assert second.select_one("nav.pagination [rel=prev]")["href"] == "/"
    assert second.select_one("nav.pagination [rel=next]") is None
    assert second.find("link", rel="canonical")["href"] == "/page/2/"
    assert second.h1.get_text(strip=True) == "Older posts"
