"""Whole builds with the checklists plugin, read back from the written files.

- tests/checklists/fixtures/site/: edge cases that are not real content (two
  checklists in one post, nesting, repeated and pre-ticked items, a plain list
  beside a checklist, 9, 15 and 60 items, other scripts, pinned ids, no title, a
  draft, a hidden post, a translation, a page).
- tests/checklists/fixtures/errors/: one mistake per post, each reported with
  its file, line and fix, and `make html` fails.
- The real site (the `site` build of conftest.py): every checklist in the posts.
"""

from __future__ import annotations

import gzip
import io
import logging
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
import segno
from bs4 import BeautifulSoup, Tag
from pelican.plugins.checklists import theme
from pelican.plugins.checklists.pages import qr_svg

from tests.builds import ROOT, build_fixture, make
from tests.conftest import Build
from tests.test_site_build import SETTINGS, soup

FIXTURES = Path(__file__).parent / "fixtures"
PACKAGE = ROOT / "packages" / "pelican-checklists"
STATIC = PACKAGE / "pelican" / "plugins" / "checklists" / "static" / "checklists"


def item_ids(checklist: Tag) -> list[str]:
    return [box["value"] for box in checklist.select("input.checklist__input")]


def labels(checklist: Tag) -> list[str]:
    return [
        label.get_text(" ", strip=True)
        for label in checklist.select("label.checklist__label")
    ]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("checklists_site")
    build_fixture(FIXTURES / "site", output)
    return output


def test_each_listed_checklist_has_a_printable_page(fixture_site: Path) -> None:
    pages = sorted(
        path.parent.name for path in fixture_site.glob("checklists/*/index.html")
    )
    assert pages == [
        "before-a-job-fair--on-the-day-remember-to",
        "before-a-job-fair--pack-your-bag",
        "fifteen-steps--before-you-accept",
        "job-fair-kit",
        "nine-steps--nine-steps",
        "no-title--checklist",
        "no-title-fr--checklist",
        "packing-list--what-to-pack",
        "sixty-small-steps--sixty-small-steps",
        "timed-steps--your-first-week",
        "unusual-text--ready-to-go",
    ]
    # Drafts and hidden posts keep a working checklist, without a printable page.
    for path in ("drafts/draft-with-checklist", "posts/hidden-with-checklist"):
        page = soup(fixture_site, f"{path}/index.html")
        assert page.select_one('[data-module="checklist"] input') is not None
        assert page.select_one(".checklist__link") is None


def test_previewing_drafts_gives_them_printable_pages_marked_draft(
    tmp_path: Path,
) -> None:
    build_fixture(FIXTURES / "site", tmp_path, DRAFT_PREVIEW=True)
    page = soup(tmp_path, "checklists/draft-with-checklist--draft-checks/index.html")
    assert page.select_one(".draft-badge") is not None
    index = soup(tmp_path, "checklists/index.html")
    card = index.find("a", string="A draft with a checklist").find_parent("article")
    assert card.select_one(".draft-badge") is not None
    # A published post's card carries no badge.
    card = index.find("a", string="Sixty small steps").find_parent("article")
    assert card.select_one(".draft-badge") is None


@pytest.mark.parametrize("layer", ["reader", "generator"])
def test_a_cached_rebuild_makes_the_same_checklists(tmp_path: Path, layer: str) -> None:
    pages = []
    for _ in range(2):
        build_fixture(
            FIXTURES / "site",
            tmp_path / "output",
            CACHE_CONTENT=True,
            LOAD_CONTENT_CACHE=True,
            CACHE_PATH=str(tmp_path / "cache"),
            CONTENT_CACHING_LAYER=layer,
        )
        page = soup(tmp_path / "output", "posts/before-a-job-fair/index.html")
        assert len(page.select('[data-module="checklist"]')) == 2
        assert len(page.select("fieldset")) == 2
        pages.append(sorted((tmp_path / "output").glob("checklists/*/index.html")))
    assert len(pages[1]) == len(pages[0]) == 11


def test_the_index_lists_every_checklist_by_post(fixture_site: Path) -> None:
    page = soup(fixture_site, "checklists/index.html")
    assert page.h1.get_text() == "Checklists"
    entries = {
        post.select_one("h2").get_text(strip=True): [
            (item.a.get_text(strip=True), item.a["href"], item.span.get_text())
            for item in post.select("li")
        ]
        for post in page.select("main .post-card")
    }
    assert entries["Getting ready for a job fair"] == [
        ("Pack your bag", "/checklists/before-a-job-fair--pack-your-bag/", "8 items"),
        (
            "On the day, remember to",
            "/checklists/before-a-job-fair--on-the-day-remember-to/",
            "3 items",
        ),
    ]
    assert entries["Packing list"] == [
        ("What to pack", "/checklists/packing-list--what-to-pack/", "2 items")
    ]
    assert "A draft with a checklist" not in entries
    assert "A hidden post with a checklist" not in entries
    assert len(entries) == 10
    # The header's "Checklists" link marks this page as the current one.
    assert page.select_one('nav a[aria-current="page"]')["href"] == "/checklists/"


def test_two_checklists_in_one_post(fixture_site: Path) -> None:
    page = soup(fixture_site, "posts/before-a-job-fair/index.html")
    first, second = page.select('[data-module="checklist"]')
    assert first["data-checklist-id"] == "before-a-job-fair--pack-your-bag"
    assert second["data-checklist-id"] == "before-a-job-fair--on-the-day-remember-to"
    assert first.legend.get_text() == "Pack your bag"
    assert second.legend.get_text() == "On the day, remember to"
    # Nested items are sub-items; a repeated item gets a suffix; [x] is ticked.
    assert item_ids(first) == [
        "copies-of-your-cv",
        "copies-of-your-cv--printed-on-plain-white-paper",
        "copies-of-your-cv--kept-flat-in-a-folder",
        "a-pen-that-works",
        "a-pen-that-works-2",
        "a-short-list-of-the-stands-you-most-want-to-visit",
        "your-notes-on-each-employer",
        "a-phone-charger-set-to-low-power-mode",
    ]
    ticked = [box["value"] for box in first.select("input[checked]")]
    assert ticked == ["copies-of-your-cv--kept-flat-in-a-folder", "a-pen-that-works"]
    sub_items = first.select("li.checklist__item li.checklist__item")
    assert [labels(li)[0] for li in sub_items] == [
        "Printed on plain white paper",
        "Kept flat in a folder",
    ]
    # Inline Markdown survives, the {filename} link resolved.
    assert first.find("strong").get_text() == "stands"
    assert first.find("a", string="notes on each employer")["href"] == (
        "/posts/nine-steps/"
    )
    assert first.find("code").get_text() == "low power"
    # No id is used twice on the page.
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    # The plain list before the checklists stays a plain list.
    plain = page.find("li", string="a tote bag from last year's fair").parent
    assert plain.find("input") is None
    assert not plain.find_parents(attrs={"data-module": "checklist"})
    # The heading and the lead-in stay where the author wrote them.
    assert page.find("h2", id="pack-your-bag").find_next_sibling() is first
    assert (
        first.find_next_sibling("p").get_text() == "Leave room in the bag for leaflets."
    )


def test_a_checklist_on_its_post(fixture_site: Path) -> None:
    page = soup(fixture_site, "posts/nine-steps/index.html")
    checklist = page.select_one('[data-module="checklist"]')
    controls = checklist.select_one("[data-checklist-controls]")
    # Everything that needs JavaScript is hidden until the script shows it.
    assert controls.has_attr("hidden")
    assert controls.select_one("[aria-live=polite]").get_text() == "0 of 9 done"
    assert [b.get_text() for b in controls.select("button")] == [
        "Print",
        "Print with my ticks",
        "Reset",
        "Undo",
    ]
    assert all(button["type"] == "button" for button in controls.select("button"))
    link = checklist.select_one(".checklist__link a")
    assert link["href"] == "/checklists/nine-steps--nine-steps/"
    assert link.get_text() == "Printable page for “Nine steps”"
    footer = checklist.select_one(".checklist__footer")
    assert footer.select_one("[data-checklist-source]")["href"] == "/posts/nine-steps/"
    assert SETTINGS["SITE_DISCLAIMER"] in footer.get_text()
    # The stylesheet and script are on the page, fingerprinted, and exist.
    for selector, attribute in (
        ('link[href*="/checklists/checklist."]', "href"),
        ('script[src*="/checklists/checklist."]', "src"),
    ):
        asset = page.head.select_one(selector)
        assert asset is not None, selector
        assert (fixture_site / asset[attribute].lstrip("/")).is_file()
    assert page.head.select_one('script[src*="/checklists/"]').has_attr("defer")


def test_the_printable_page_shares_the_posts_ticks(fixture_site: Path) -> None:
    post = soup(fixture_site, "posts/before-a-job-fair/index.html")
    page = soup(fixture_site, "checklists/before-a-job-fair--pack-your-bag/index.html")
    on_post = post.select_one('[data-module="checklist"]')
    checklist = page.select_one('[data-module="checklist"]')
    # One id: one key in the reader's storage, for the post and this page.
    assert checklist["data-checklist-id"] == on_post["data-checklist-id"]
    assert item_ids(checklist) == item_ids(on_post)
    assert labels(checklist) == labels(on_post)
    # Links in items lead where they do on the post ({filename} resolved).
    links = [a["href"] for a in checklist.select(".checklist__label a")]
    assert links == [a["href"] for a in on_post.select(".checklist__label a")]
    assert links == ["/posts/nine-steps/"]
    assert checklist.has_attr("data-checklist-sheet")
    assert page.h1.get_text() == "Pack your bag"
    assert page.select_one(".checklist-page__header a")["href"] == (
        "/posts/before-a-job-fair/"
    )
    assert page.select_one(".checklist__link") is None  # no link to itself
    assert page.select_one('meta[name="description"]')["content"] == (
        "A checklist from “Getting ready for a job fair”, 8 items: tick them off "
        "here or print it on one sheet."
    )
    assert page.title.get_text().startswith("Pack your bag (printable checklist)")


def test_a_qr_code_is_the_svg_segno_writes() -> None:
    """The plugin writes a code's SVG itself, faster: the same bytes as segno."""
    # Codes of many sizes (versions), from addresses short and long, not all ASCII.
    addresses = [
        "https://example.org/checklists/" + "step-é-" * repeats
        for repeats in range(0, 160, 3)
    ]
    versions = set()
    for address in addresses:
        code = segno.make(address, error="m", micro=False, mask=2)
        versions.add(code.version)
        written = io.BytesIO()
        code.save(written, kind="svg", xmldecl=False, border=2, omitsize=True)
        assert qr_svg(address) == written.getvalue().decode(), address
    assert len(versions) > 20


def test_pages_written_with_their_assets_are_not_read_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a page whose template did not include checklists/assets.html is read.

    The theme's posts and pages, and the plugin's own pages, include it; other
    pages are read back, to add it where they show a checklist.
    """
    read_back = []

    class RecordingPath(type(Path())):
        def read_text(self, *args, **kwargs) -> str:
            read_back.append(self.relative_to(tmp_path).as_posix())
            return super().read_text(*args, **kwargs)

    monkeypatch.setattr(theme, "Path", RecordingPath)
    build_fixture(FIXTURES / "site", tmp_path)
    shows_a_checklist = {
        page.relative_to(tmp_path).as_posix()
        for page in tmp_path.rglob("*.html")
        if 'data-module="checklist"' in page.read_text(encoding="utf-8")
    }
    assert len(shows_a_checklist) > 20
    assert not shows_a_checklist & set(read_back)
    assert "index.html" in read_back  # a list of posts: the theme adds none there


def test_titles_and_ids_from_pins_and_posts(fixture_site: Path) -> None:
    pinned = soup(fixture_site, "posts/pinned-ids/index.html")
    checklist = pinned.select_one('[data-module="checklist"]')
    assert checklist["data-checklist-id"] == "job-fair-kit"
    assert item_ids(checklist) == ["send-thank-you", "cards", "a-bottle-of-water"]
    assert "{:" not in pinned.select_one(".post-content").get_text()

    untitled = soup(fixture_site, "posts/no-title/index.html")
    checklist = untitled.select_one('[data-module="checklist"]')
    assert checklist["data-checklist-id"] == "no-title--checklist"
    assert checklist.legend.get_text() == "A checklist without a title"

    # A translation has its original's slug: its language is part of its id.
    french = BeautifulSoup(
        (fixture_site / "no-title-fr.html").read_text(), "html.parser"
    )
    checklist = french.select_one('[data-module="checklist"]')
    assert checklist["data-checklist-id"] == "no-title-fr--checklist"
    assert checklist.legend.get_text() == "Une liste sans titre"
    assert checklist.legend.find_parent(lang="fr") is not None


def test_unusual_text_just_works(fixture_site: Path) -> None:
    page = soup(fixture_site, "posts/unusual-text/index.html")
    checklist = page.select_one('[data-module="checklist"]')
    assert checklist.legend.get_text() == "Ready to go 🎒"
    assert labels(checklist)[:7] == [
        "🎉🎉",
        "🎉 Celebrate the offer",
        "Написать письмо с благодарностью",
        "面接の準備をする",
        "أرسل رسالة شكر",
        "Salt & pepper — a café résumé",
        "5 * 3 < 16, and that is fine",
    ]
    assert checklist.find("kbd").get_text() == "fine"
    assert labels(checklist)[7].startswith("Read the whole advert again, slowly")
    ids = item_ids(checklist)
    assert len(set(ids)) == 8 and all(ids)
    assert ids[2] == "написать-письмо-с-благодарностью"
    assert (fixture_site / "checklists/unusual-text--ready-to-go/index.html").is_file()


def test_sixty_items(fixture_site: Path) -> None:
    page = soup(
        fixture_site, "checklists/sixty-small-steps--sixty-small-steps/index.html"
    )
    checklist = page.select_one('[data-module="checklist"]')
    assert len(item_ids(checklist)) == len(set(item_ids(checklist))) == 60
    assert checklist.select_one("[data-checklist-progress]").get_text() == (
        "0 of 60 done"
    )


def test_feeds_show_checklists_as_plain_lists_with_marks(fixture_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(fixture_site / SETTINGS["FEED_ALL_ATOM"]).getroot()
    entry = next(
        entry
        for entry in feed.iter(f"{atom}entry")
        if entry.findtext(f"{atom}title") == "Getting ready for a job fair"
    )
    content = BeautifulSoup(entry.findtext(f"{atom}content"), "html.parser")
    assert content.find("input") is None
    assert content.find("button") is None
    assert content.select_one("[data-module]") is None
    lists = [ul for ul in content.find_all("ul") if ul.find_parent("ul") is None]
    # The plain list, then the two checklists as lists.
    assert [li.get_text(" ", strip=True) for li in lists[2].find_all("li")] == [
        "☐ Walk the whole hall once before you talk to anyone",
        "☐ Ask each recruiter what the first year in the job looks like",
        "☐ Write a line about each conversation as soon as it ends",
    ]
    bag = lists[1].find_all("li", recursive=False)
    assert bag[0].contents[0].strip() == "☐ Copies of your CV"
    assert [li.get_text(" ", strip=True) for li in bag[0].find_all("li")] == [
        "☐ Printed on plain white paper",
        "☑ Kept flat in a folder",
    ]
    assert bag[1].get_text(" ", strip=True) == "☑ A pen that works"
    assert bag[3].find("strong").get_text() == "stands"


def test_no_record_is_left_in_the_output(fixture_site: Path) -> None:
    for path in fixture_site.rglob("*"):
        if path.suffix in (".html", ".xml", ".json"):
            assert "\x02checklist" not in path.read_text(encoding="utf-8"), path


def test_a_checklist_in_a_description_and_in_a_summary_cut_short(
    tmp_path: Path,
) -> None:
    posts = tmp_path / "content" / "posts"
    posts.mkdir(parents=True)
    (posts / "nested.md").write_text(
        "Title: Nested\nDate: 2026-03-01\nSlug: nested\n"
        "Summary: - [ ] A task list in a summary\n\n"
        "## Outer\n\n- [ ] Outer item\n\n"
        "    - a plain list, holding a checklist:\n\n"
        "        - [ ] Inner one\n        - [x] Inner two\n"
    )
    # No Summary: the feed's summary is the post's first 50 words, which end
    # inside its checklist.
    (posts / "early.md").write_text(
        "Title: Early\nDate: 2026-03-02\nSlug: early\n\nBring:\n\n"
        + "".join(f"- [ ] Item {n} {'word ' * 8}\n" for n in range(8))
    )
    output = tmp_path / "output"
    build_fixture(tmp_path / "content", output)
    page = soup(output, "posts/nested/index.html")
    assert [c["data-checklist-id"] for c in page.select("[data-module]")] == [
        "nested--outer",
        "nested--a-plain-list-holding-a-checklist",
    ]
    inner = soup(
        output, "checklists/nested--a-plain-list-holding-a-checklist/index.html"
    )
    assert labels(inner.select_one("[data-module]")) == ["Inner one", "Inner two"]
    assert (output / "checklists/nested--outer/index.html").is_file()
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ElementTree.parse(output / SETTINGS["FEED_ALL_ATOM"]).getroot()
    entries = {
        entry.findtext(f"{atom}title"): (
            BeautifulSoup(entry.findtext(f"{atom}content"), "html.parser"),
            BeautifulSoup(entry.findtext(f"{atom}summary") or "", "html.parser"),
        )
        for entry in feed.iter(f"{atom}entry")
    }
    content, _ = entries["Nested"]
    assert content.find("input") is None
    assert [li.get_text(" ", strip=True) for li in content.find_all("li")][-3:] == [
        "a plain list, holding a checklist: ☐ Inner one ☑ Inner two",
        "☐ Inner one",
        "☑ Inner two",
    ]
    _, summary = entries["Early"]
    assert summary.find("input") is None
    assert summary.li.get_text(" ", strip=True).startswith("☐ Item 0 word")
    # Cut short inside the checklist, the summary shows its plain list whole.
    assert len(summary.find_all("li")) == 8
    # A task list in a Summary: line is the list the Markdown step made.
    home = soup(output, "index.html")
    assert "A task list in a summary" in labels(home.select_one("main"))
    for path in output.rglob("*"):
        if path.suffix in (".html", ".xml"):
            assert "\x02" not in path.read_text(encoding="utf-8"), path


def test_checklist_script_and_stylesheet_are_small() -> None:
    script = gzip.compress((STATIC / "checklist.js").read_bytes(), 9)
    stylesheet = gzip.compress((STATIC / "checklist.css").read_bytes(), 9)
    # The post page's whole budget is 14 KB of HTML, CSS and JS (gzip).
    assert len(script) < 3 * 1024, len(script)
    assert len(stylesheet) < 3 * 1024, len(stylesheet)


# --- Mistakes ---------------------------------------------------------------


EXPECTED_PROBLEMS = [
    ("empty-item.md", 11, "A checklist item has nothing after its box"),
    ("no-items.md", 10, "This checklist has no items"),
    ("pinned-twice.md", 12, "Two items are pinned to the id “thanks”"),
    ("mixed-list.md", 10, "This list mixes items with a box and items without one"),
    ("same-title.md", 16, "Two checklists in this document have the title “Checks”"),
    # The newer post of two pinning one id is the one to change.
    ("shared-id-two.md", 12, "The checklist “The interview kit, again” has the id"),
    # A draft reusing a published post's slug: its address differs, not so
    # its checklist's id.
    ("shared-slug-draft.md", 11, "The checklist “Before the call” has the id"),
    # Under YAML front matter, the line is still the file's line.
    ("yaml-pinned-twice.md", 13, "Two items are pinned to the id “call”"),
    # Notes boxes and time limits: the item's line; for the title's, the first
    # item's (as for a checklist's pin).
    ("wrong-attributes.md", 10, "A checklist item cannot take “note”"),
    ("wrong-attributes.md", 11, "The time limit “tomorrow” is not one"),
    ("wrong-attributes.md", 15, "This checklist asks when its time limits start"),
]


def test_each_mistake_is_reported_with_its_file_line_and_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR):
        build_fixture(FIXTURES / "errors", tmp_path)
    reported = [
        (
            Path(record.content_path).name,
            record.content_line,
            record.getMessage(),
            record.content_fix,
        )
        for record in caplog.records
        if hasattr(record, "content_path") and record.levelno >= logging.ERROR
    ]
    for name, line, start in EXPECTED_PROBLEMS:
        matching = [r for r in reported if r[0] == name and r[2].startswith(start)]
        assert len(matching) == 1, (name, reported)
        assert matching[0][1] == line, matching
        assert matching[0][3], f"no fix for {name}"
    assert len(reported) == len(EXPECTED_PROBLEMS), reported
    # The page says what is wrong where the checklist would be.
    page = soup(tmp_path, "posts/pinned-twice/index.html")
    note = page.select_one(".checklist-problem")
    assert "pinned to the id “thanks”" in note.get_text()
    assert note.find_next_sibling("ul").find("input") is None


def test_make_html_fails_on_a_mistake_and_says_where(tmp_path: Path) -> None:
    result = make("html", f"OUTPUTDIR={tmp_path}", f"CONTENTDIR={FIXTURES / 'errors'}")
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert re.search(
        r"errors/posts/pinned-twice\.md:12: error: Two items are pinned", log
    ), log
    assert (
        "Fix: start every item with a box, “- [ ] ” (or “- [x] ” for one already "
        "done)" in log
    )
    assert "Traceback" not in log
    assert "{: #shared-slug-before-the-call }" in log
    assert re.search(
        r"wrong-attributes\.md:11: error: The time limit “tomorrow”.*\n.*Fix: write a "
        r'whole number and a unit: within="30 minutes"',
        log,
    ), log


# --- The real site --------------------------------------------------------------


def test_every_task_list_in_the_posts_is_a_checklist(site: Build) -> None:
    sources = sorted((ROOT / "content" / "posts").glob("*.md"))
    for source in sources:
        text = source.read_text()
        tasks = re.findall(r"^\s*[-*+] \[[ xX]\] ", text, flags=re.MULTILINE)
        slug = re.search(r"^Slug:\s*(\S+)", text, flags=re.MULTILINE)[1]
        page = soup(site.output, f"posts/{slug}/index.html")
        boxes = page.select('[data-module="checklist"] input.checklist__input')
        assert len(boxes) == len(tasks), source.name
        assert page.select_one(".checklist-problem") is None
        for checklist in page.select('[data-module="checklist"]'):
            printable = site.output / "checklists" / checklist["data-checklist-id"]
            assert (printable / "index.html").is_file()


def test_pages_without_a_checklist_load_no_checklist_code(site: Build) -> None:
    for relative in ("index.html", "terms/index.html", "archives/index.html"):
        page = soup(site.output, relative)
        assert page.select_one('script[src*="/checklists/"]') is None, relative
