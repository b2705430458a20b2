"""The built site in a real Chromium, served over http on 127.0.0.1.

What a reader does: open the home page, follow a series, reach the Terms from a
post's disclaimer, get around by keyboard alone, land on a missing page, read in
dark mode and on a 320 px wide phone.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.test_site_build import published_posts, series_posts

POSTS = published_posts()


def post_path(post: dict[str, str]) -> str:
    return f"/posts/{post['slug']}/"


def test_home_lists_the_posts(page: Page) -> None:
    page.goto("/")
    titles = page.locator(".post-card h2")
    newest = sorted(POSTS, key=lambda post: post["date"], reverse=True)
    expect(titles).to_have_text([post["title"] for post in newest[:10]])
    page.get_by_role("link", name=newest[0]["title"]).click()
    expect(page).to_have_url(re.compile(re.escape(post_path(newest[0])) + "$"))
    expect(page.locator("h1")).to_have_text(newest[0]["title"])


def test_series_box_links_to_the_previous_and_next_parts(page: Page) -> None:
    parts = sorted(series_posts(), key=lambda post: int(post["series_index"]))
    assert len(parts) >= 3, "the series needs a middle part for this test"
    middle, before, after = parts[1], parts[0], parts[2]

    page.goto(post_path(middle))
    box = page.get_by_role("navigation", name=re.compile(r"^Part 2 of \d+ in "))
    expect(box).to_contain_text(f"Part 2 of {len(parts)} in {middle['series']}")

    box.get_by_role("link", name=after["title"]).click()
    expect(page).to_have_url(re.compile(re.escape(post_path(after)) + "$"))
    expect(page.locator("h1")).to_have_text(after["title"])
    expect(page.locator(".series-box__title")).to_have_text(
        f"Part 3 of {len(parts)} in {middle['series']}"
    )

    page.locator(".series-box__previous a").click()
    expect(page).to_have_url(re.compile(re.escape(post_path(middle)) + "$"))
    page.locator(".series-box__previous a").click()
    expect(page).to_have_url(re.compile(re.escape(post_path(before)) + "$"))
    expect(page.locator(".series-box__previous")).to_have_count(0)


@pytest.mark.parametrize("post", POSTS, ids=lambda post: post["slug"])
def test_disclaimer_links_to_the_terms(page: Page, post: dict[str, str]) -> None:
    page.goto(post_path(post))
    disclaimer = page.locator(".disclaimer")
    expect(disclaimer).to_be_visible()
    with page.expect_navigation() as navigation:
        disclaimer.get_by_role("link", name="Terms and Conditions").click()
    assert navigation.value.status == 200
    expect(page).to_have_url(re.compile(r"/terms/$"))
    expect(page.locator("h1")).to_have_text("Terms and Conditions")


def focused(page: Page) -> dict:
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          const box = el.getBoundingClientRect();
          return {
            tag: el.tagName, id: el.id, text: el.textContent.trim(),
            outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
            visible: box.width > 0 && box.height > 0
              && box.bottom > 0 && box.top < innerHeight,
          };
        }"""
    )


def test_skip_link_is_first_and_moves_focus_to_main(page: Page) -> None:
    page.goto(post_path(POSTS[0]))
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "Skip to content"
    assert skip["visible"], "the skip link stays off screen when focused"
    assert skip["outline"] != "none" and skip["outlineWidth"] >= 2
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.getElementById('main').contains(document.activeElement)"
    )


@pytest.mark.parametrize(
    ("label", "path"), [("Topics", "/tags/"), ("Archives", "/archives/")]
)
def test_navigation_by_keyboard(page: Page, label: str, path: str) -> None:
    page.goto("/")
    for _ in range(15):
        page.keyboard.press("Tab")
        current = focused(page)
        if current["text"] == label:
            break
    else:
        pytest.fail(f"Tab never reached the {label} link")
    assert current["outline"] != "none" and current["outlineWidth"] >= 2, (
        "focus is not visible"
    )
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(path) + "$"))
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.locator("[aria-current='page']")).to_have_text(label)


def test_missing_page_gets_the_404_page(page: Page) -> None:
    response = page.goto("/no/such/page/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")
    # Styled, even this deep in a missing path.
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    page.get_by_role("link", name="Go to the home page").click()
    expect(page.locator(".post-card").first).to_be_visible()


def relative_luminance(rgb: tuple[float, float, float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def parse_rgb(css: str) -> tuple[float, float, float]:
    numbers = [float(value) for value in re.findall(r"[\d.]+", css)]
    assert len(numbers) == 3 or (len(numbers) == 4 and numbers[3] == 1), (
        f"not opaque: {css}"
    )
    return numbers[0], numbers[1], numbers[2]


def contrast(foreground: str, background: str) -> float:
    lighter, darker = sorted(
        (
            relative_luminance(parse_rgb(foreground)),
            relative_luminance(parse_rgb(background)),
        ),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


COLOUR_PAIRS = """() => {
  const bg = getComputedStyle(document.body).backgroundColor;
  const pick = (selector) => getComputedStyle(document.querySelector(selector)).color;
  return {
    background: bg,
    text: pick(".post-content p"),
    muted: pick(".post-meta"),
    link: pick(".post-content a, .series-box a, .disclaimer a"),
  };
}"""


@pytest.mark.parametrize("scheme", ["dark", "light"])
def test_colour_scheme_has_readable_contrast(page: Page, scheme: str) -> None:
    page.emulate_media(color_scheme=scheme)
    page.goto(post_path(series_posts()[0]))
    colours = page.evaluate(COLOUR_PAIRS)
    background_luminance = relative_luminance(parse_rgb(colours["background"]))
    if scheme == "dark":
        assert background_luminance < 0.05, (
            f"dark mode background is not dark: {colours}"
        )
    else:
        assert background_luminance > 0.8, (
            f"light mode background is not light: {colours}"
        )
    for role in ("text", "muted", "link"):
        ratio = contrast(colours[role], colours["background"])
        assert ratio >= 7, (
            f"{scheme} {role} contrast {ratio:.2f} is under 7:1: {colours}"
        )


@pytest.mark.parametrize(
    "path",
    ["/", post_path(POSTS[0]), "/tags/", "/archives/", "/about/", "/no-such-page/"],
)
def test_no_horizontal_scroll_at_320px(page: Page, path: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"


def test_print_shows_the_post_without_navigation(page: Page) -> None:
    page.goto(post_path(POSTS[0]))
    page.emulate_media(media="print")
    for hidden in (".skip-link", "nav.site-nav", "footer.site-footer", ".post-nav"):
        expect(page.locator(hidden)).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator(".disclaimer")).to_be_visible()
    body = page.locator("body")
    colours = [
        body.evaluate("el => getComputedStyle(el).color"),
        body.evaluate("el => getComputedStyle(el).backgroundColor"),
    ]
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
