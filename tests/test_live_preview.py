"""`make serve` keeps its output exactly what a clean build writes, after any edit.

One preview (plugins/live_preview) of a copy of the site, its settings and its
theme is edited step by step, as an author would; after each step its output
folder must be, byte for byte, what a clean build of the same sources writes in
the same mode (DRAFT_PREVIEW on, as `make serve` builds). Where the step is an edit
of a post's or page's body or title, the fast path must render, before the settle,
every file the post or page owns (its page, its printable checklist pages and
their QR codes), each already the clean build's; where it changed nothing other
pages show of it, the settle makes the feeds and the search index alone, not
the whole site, and leaves the same output.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings

from tests.builds import ROOT, differences, output_files

sys.path.insert(0, str(ROOT / "plugins"))
from live_preview.preview import Preview, sync  # noqa: E402 - after the path is set

ASKING = "content/posts/informational-interviews-asking.md"
AFTER = "content/posts/informational-interviews-after.md"
MEETING = "content/posts/informational-interviews-the-meeting.md"
THANKS = "content/posts/thank-you-note-after-an-interview.md"
DIARY = "content/posts/job-search-diary.md"  # the new post, with no Slug
ABOUT = "content/pages/about.md"
NEW_POST = """\
Title: Keeping a job search diary
Date: 2026-11-02 09:00
Category: Job search
Tags: organisation, notes
Summary: A few lines a day about what you sent and heard keeps a long search in hand.

Write down each application, each reply and each follow-up date.

- [ ] Start a page for this week
- [ ] Note every reply the day it comes
"""


@dataclass
class Site:
    root: Path  # content/, theme/ and site.conf.py
    preview: Preview

    @property
    def content(self) -> Path:
        return self.root / "content"

    def edit(self, name: str, old: str, new: str) -> Path:
        path = self.root / name
        text = path.read_text()
        assert old in text, f"{old!r} is not in {name}"
        path.write_text(text.replace(old, new, 1))
        return path

    def clean_build(self, into: Path) -> Path:
        """Build the sources as they are now into the empty folder ``into``."""
        shutil.rmtree(into, ignore_errors=True)
        override = {
            **self.preview.override,
            "OUTPUT_PATH": str(into),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
        }
        Pelican(read_settings(str(self.root / "site.conf.py"), override=override)).run()
        return into


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("live-preview")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "pelican.conf.py", root / "site.conf.py")
    override = {
        "PATH": str(root / "content"),
        "OUTPUT_PATH": str(root / "output"),
        "THEME": str(root / "theme"),
        "PLUGIN_PATHS": [str(ROOT / "plugins")],
        "DRAFT_PREVIEW": True,  # as `make serve` builds
    }
    preview = Preview(str(root / "site.conf.py"), override, root / "output")
    preview.settle(())
    yield Site(root, preview)
    preview.close()


def rename(site: Site) -> list[Path]:
    old = site.content / "posts" / "job-search-diary.md"
    new = old.with_name("keeping-a-job-search-diary.md")
    old.rename(new)
    return [old, new]


def delete(site: Site) -> list[Path]:
    path = site.content / "posts" / "keeping-a-job-search-diary.md"
    path.unlink()
    return [path]


def new_post(site: Site) -> list[Path]:
    path = site.content / "posts" / "job-search-diary.md"
    path.write_text(NEW_POST)
    return [path]


def image(site: Site) -> list[Path]:
    path = site.content / "images" / "desk.png"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes((ROOT / "content" / "extra" / "favicon.svg").read_bytes())
    return [path]


LINK = "[My questions]({static}questions.txt)"


def linked_file(site: Site) -> list[Path]:
    """Link a file beside a post, outside STATIC_PATHS: a build copies it."""
    (site.content / "posts" / "questions.txt").write_text("What surprised you?\n")
    return [site.edit(ASKING, "\n## ", f"\n{LINK}\n\n## ")]


def edit(name: str, old: str, new: str) -> Callable[[Site], list[Path]]:
    return lambda site: [site.edit(name, old, new)]


ITEM = "- [ ] Write up your notes the same day\n"
LONGER = "One more thought." + " Listen more than you talk." * 60
# Each step: what the author does, and what the preview does then: "whole", a
# whole build; "fast", the post's own pages rendered first, then a whole build;
# "text", its own pages rendered first, then the feeds and search index alone.
WHOLE, FAST, TEXT = "whole", "fast", "text"
# fmt: off
STEPS: list[tuple[str, Callable[[Site], list[Path]], str]] = [
    ("body only", edit(ASKING, "\n## ", "\nOne more thought.\n\n## "), TEXT),
    ("body, reading time", edit(ASKING, "One more thought.", LONGER), FAST),
    ("body, a heading", edit(ASKING, LONGER, "## One more thought"), FAST),
    ("file linked", linked_file, WHOLE),
    ("file unlinked", edit(ASKING, LINK, ""), FAST),
    ("item reworded", edit(ASKING, "in one sentence", "in a single sentence"), FAST),
    ("item added", edit(AFTER, ITEM, ITEM + "- [ ] File your notes\n"), FAST),
    ("item pinned", edit(AFTER, "File your notes", "File your notes {: #file }"), FAST),
    ("checklist moved", edit(AFTER, "#after-an-informational-", "#after-an-"), WHOLE),
    ("title", edit(ASKING, "Title: What", "Title: Just what"), FAST),
    ("page body", edit(ABOUT, "a small, free website", "a small, free site"), TEXT),
    ("page title", edit(ABOUT, "Title: About", "Title: About Next Steps"), FAST),
    ("date", edit(MEETING, "Date: 2026-10-19", "Date: 2026-10-20"), WHOLE),
    ("summary", edit(AFTER, "Summary: The", "Summary: Really, the"), WHOLE),
    ("tag added", edit(THANKS, "Tags: ", "Tags: gratitude, "), WHOLE),
    ("tag removed", edit(THANKS, "Tags: gratitude, ", "Tags: "), WHOLE),
    ("series index", edit(MEETING, "Series_index: 3", "Series_index: 5"), WHOLE),
    ("series", edit(AFTER, "Series: Informational interviews", "Series: After"), WHOLE),
    ("to draft", edit(THANKS, "Summary:", "Status: draft\nSummary:"), WHOLE),
    ("back to published", edit(THANKS, "Status: draft\n", ""), WHOLE),
    ("new post", new_post, WHOLE),
    ("title naming the page", edit(DIARY, "a job", "a daily job"), WHOLE),
    ("renamed file", rename, WHOLE),
    ("deleted post", delete, WHOLE),
    ("image added", image, WHOLE),
    ("template", edit("theme/templates/base.html", "<body", "<body data-x"), WHOLE),
    ("settings", edit("site.conf.py", 'TAGLINE = "', 'TAGLINE = "New: '), WHOLE),
]
# fmt: on


def test_every_edit_leaves_what_a_clean_build_writes(site: Site, tmp_path: Path):
    output = site.preview.output
    for name, step, expected in STEPS:
        changed = step(site)
        clean = output_files(site.clean_build(tmp_path / "clean"))
        fast = site.preview.render_edited(changed)
        for path in fast:
            assert (output / path).read_bytes() == clean[path], (
                f"{name}: {path} rendered first is not the clean build's"
            )
        update = site.preview.settle(changed)
        assert update.problems == (), f"{name}: {update.problems}"
        assert differences(output, tmp_path / "clean") == [], name
        assert update.whole_site == (expected != TEXT), name
        source = os.path.abspath(changed[0])
        if expected != WHOLE:
            written = site.preview.contents[source]
            pages = {written.save_as} | {c.save_as for c in written.checklists}
            assert sorted(fast) == sorted(pages), f"{name}: rendered first {fast}"
            # Nothing the post owns (its QR codes too) was left to the settle.
            owned = site.preview.outputs_by_source[source]
            assert not owned & set(update.changed), f"{name}: {update.changed}"
        else:
            assert fast == (), f"{name}: not a body edit, yet rendered {fast}"


def test_a_content_error_keeps_the_posts_last_good_pages(site: Site, tmp_path: Path):
    output = site.preview.output
    page = output / "posts" / "informational-interviews-the-meeting" / "index.html"
    good = page.read_bytes()
    path = site.edit(MEETING, "Date: 2026-", "Date: 2026-13-45 ")
    update = site.preview.settle([path])
    assert [(p.path.rsplit("/", 1)[-1], p.line) for p in update.problems] == [
        ("informational-interviews-the-meeting.md", 2)
    ]
    assert "not a real date" in update.problems[0].message
    assert update.problems[0].fix
    assert page.read_bytes() == good
    site.edit(MEETING, "Date: 2026-13-45 ", "Date: 2026-")
    update = site.preview.settle([path])
    assert update.problems == ()
    assert differences(output, site.clean_build(tmp_path / "clean")) == []


def test_sync_writes_changed_files_and_deletes_stale_ones(tmp_path: Path):
    staging, output = tmp_path / "staging", tmp_path / "output"
    for folder, files in (
        (staging, {"same.html": "a", "new/page.html": "b", "kept.html": "new"}),
        (output, {"same.html": "a", "old/page.html": "c", "kept.html": "old"}),
    ):
        for name, text in files.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text)
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("x")

    changed = sync(staging, output, keep={"kept.html"}, retained=[".git"])

    assert changed == ["new/page.html", "old/page.html"]
    assert {
        path.relative_to(output).as_posix(): path.read_text()
        for path in output.rglob("*")
        if path.is_file()
    } == {"same.html": "a", "new/page.html": "b", "kept.html": "old", ".git/HEAD": "x"}
    assert not (output / "old").exists()


def test_saves_while_a_settle_runs_show_at_once(site: Site, tmp_path: Path):
    """Saved while a build reads or writes: rendered at once, kept, then settled."""
    output = site.preview.output
    asking = "posts/informational-interviews-asking/index.html"
    meeting = "posts/informational-interviews-the-meeting/index.html"
    during: list[tuple[str, ...]] = []

    def save_meanwhile() -> None:
        if not during:  # the build starts reading
            edited = site.edit(MEETING, "The day has come.", "The day is here.")
            during.append(site.preview.render_edited([edited]))
        elif len(during) == 1 and (site.preview.staging / asking).exists():
            # The build has written the post's page as it read it: older.
            edited = site.edit(ASKING, "Go in to learn.", "Go in to listen.")
            during.append(site.preview.render_edited([edited]))

    started = site.edit(THANKS, "Tags: ", "Tags: gratitude, ")
    update = site.preview.settle([started], between=save_meanwhile)

    assert [meeting in during[0], asking in during[1]] == [True, True]
    assert asking not in update.changed, "the build's older page replaced the new one"
    assert "Go in to listen." in (output / asking).read_text()
    assert "The day is here." in (output / meeting).read_text()
    update = site.preview.settle([site.root / ASKING, site.root / MEETING])
    assert update.problems == ()
    assert differences(output, site.clean_build(tmp_path / "clean")) == []


def test_a_text_saved_while_a_text_edit_settles_shows_at_once(
    site: Site, tmp_path: Path
):
    """Saved while the feeds and search index are made: rendered, then settled."""
    output = site.preview.output
    meeting = "posts/informational-interviews-the-meeting/index.html"
    during: list[tuple[str, ...]] = []

    def save_meanwhile() -> None:
        if not during:
            edited = site.edit(MEETING, "The day is here.", "The day is near.")
            during.append(site.preview.render_edited([edited]))

    asking = site.edit(ASKING, "Go in to listen.", "Go in to hear.")
    assert site.preview.render_edited([asking])
    update = site.preview.settle([asking], between=save_meanwhile)

    assert update.whole_site is False
    assert meeting in during[0]
    assert "The day is near." in (output / meeting).read_text()
    update = site.preview.settle([site.root / MEETING])
    assert (update.whole_site, update.problems) == (False, ())
    assert differences(output, site.clean_build(tmp_path / "clean")) == []


def test_an_error_in_a_post_read_from_the_cache_is_reported_at_every_settle(
    site: Site, tmp_path: Path
):
    """The settles after the first read the post from Pelican's content cache."""
    image = "![]({static}/extra/favicon.svg)"
    thanks = site.edit(THANKS, "## When and how", f"{image}\n\n## When and how")
    meeting = site.root / MEETING
    reported = []
    for tag in ("", "etiquette, ", "networking, "):
        if tag:
            site.edit(MEETING, "Tags: ", f"Tags: {tag}")
        update = site.preview.settle([meeting] if tag else [thanks])
        assert update.whole_site
        reported.append([(p.path.rsplit("/", 1)[-1], p.line) for p in update.problems])
        assert "has no alt text" in update.problems[0].message
    line = thanks.read_text().splitlines().index(image) + 1
    assert reported == [[("thank-you-note-after-an-interview.md", line)]] * 3
    site.edit(THANKS, f"{image}\n\n", "")
    assert site.preview.settle([thanks]).problems == ()
    assert differences(site.preview.output, site.clean_build(tmp_path / "clean")) == []
