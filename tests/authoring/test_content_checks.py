"""The catalogue of authors' mistakes: what each prints, and what it does to the build.

Each case is one small file in tests/authoring/cases/, added to a copy of the
real content and built with `make html`, exactly as an author builds. For every
case the test reads the summary and asserts the file, the line, the severity and
the key words of the message and its fix; that no traceback and no raw log line
reaches the author; the exit status; and that the rest of the site still builds.

"The rest of the site still builds" means: every real post and page is written,
whatever the mistake. An error ends `make html` with a non-zero status once every
other page is written (so the author can still look at the site); the post with
the mistake is written too, unless Pelican cannot read it (then it is "left out
of the site", and the message says so). A warning is listed and the build exits 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from plugins.content_checks.control_characters import CONTROL_RE
from tests.authoring.helpers import (
    CASES,
    LOG_LINE_RE,
    content_copy,
    summary_entries,
)
from tests.builds import make
from tests.test_site_build import SITE_PAGES, published_posts


@dataclass(frozen=True)
class Expected:
    """One problem the summary must list for the case's file."""

    severity: str
    line: int | None
    words: tuple[str, ...]  # in the message or its fix


@dataclass(frozen=True)
class Case:
    file: str
    problems: tuple[Expected, ...]
    # Where the post with the mistake is written; None: left out of the site.
    written_as: str | None
    folder: str = "posts"
    # Where a page left out of the site would have been written.
    left_out_as: str | None = None
    # Problems reported by another plugin about the same mistake (no file of
    # their own in the summary, but naming this case's file in their message).
    also_reported: int = 0


def error(line: int | None, *words: str) -> Expected:
    return Expected("error", line, words)


def warning(line: int | None, *words: str) -> Expected:
    return Expected("warning", line, words)


CATALOGUE = [
    Case(
        "no-title.md",
        (error(1, "has no Title line", "left out of the site", '"Title: '),),
        written_as=None,
    ),
    Case(
        "page-without-title.md",
        (error(1, "This page has no Title line", "left out", '"Title: About'),),
        written_as=None,
        folder="pages",
        left_out_as="contact",
    ),
    Case(
        "blank-line-before-header.md",
        (error(1, "starts with a blank line", "no header", "delete the blank lines"),),
        written_as=None,
    ),
    Case(
        "bad-date.md",
        (error(2, '"2026-13-45 09:00"', "not a real date", "left out", "YYYY-MM-DD"),),
        written_as=None,
    ),
    Case(
        "missing-summary.md",
        (error(1, "published post has no Summary line", "add a Summary line"),),
        written_as="posts/a-published-post-without-a-summary/index.html",
    ),
    Case(
        "newpost-placeholders-published.md",
        (
            error(6, "summary", "still the placeholder", "make newpost"),
            error(10, "placeholder text", "on line 10", '"Status: draft"'),
        ),
        written_as="posts/published-with-the-placeholders-still-in/index.html",
    ),
    Case(
        "missing-filename-link.md",
        (
            error(
                8,
                "{filename}informational-interviews-askng.md",
                "posts/informational-interviews-askng.md, which does not exist",
                "Did you mean {filename}/posts/informational-interviews-asking.md?",
            ),
        ),
        written_as="posts/a-link-to-a-post-file-that-does-not-exist/index.html",
    ),
    Case(
        "broken-internal-link.md",
        (error(7, "/posts/cv-guide/", "a page this site does not have", "{filename}"),),
        written_as="posts/a-link-to-an-address-the-site-does-not-have/index.html",
    ),
    Case(
        "unknown-link-form.md",
        (error(7, '"{filname}"', "Pelican does not know", "write {filename}"),),
        written_as="posts/a-link-with-a-misspelt-file-marker/index.html",
    ),
    Case(
        # Pelican repeats the fragment of a link it cannot resolve; the message
        # quotes the link as written.
        "link-with-fragment.md",
        (
            error(
                8,
                "The link {filename}thank-you-note-aftr-an-interview.md#what-to-write "
                "points to",
                "Did you mean {filename}/posts/thank-you-note-after-an-interview.md?",
            ),
        ),
        written_as="posts/a-link-to-a-part-of-a-post-file-that-does-not-exist/index.html",
    ),
    Case(
        # Liquid in links and in text is named as Jekyll's, quoted whole, with the
        # Pelican way; in code it is what the author means to show.
        "liquid-from-jekyll.md",
        (
            error(
                8,
                '"{{ site.repository }}" is Liquid',
                "Jekyll's template language",
                "the link leads nowhere",
                "write the address itself",
            ),
            error(
                10,
                '"{% link _posts/2023-01-29-job-fairs.md %}" is Liquid',
                "{filename}/posts/2023-01-29-job-fairs.md",
            ),
            error(
                11,
                '"{{ "/about/" | relative_url }}" is Liquid',
                "write /about/ instead",
                "SITEURL",
            ),
            error(
                13,
                '"{{ site.title }}" is Liquid',
                "readers would see it as written",
                "write the text itself",
            ),
        ),
        written_as="posts/liquid-left-over-from-a-jekyll-blog/index.html",
    ),
    Case(
        "hugo-shortcodes.md",
        (
            error(
                8,
                '"{{< ref "informational-interviews-asking.md" >}}" is a Hugo '
                "shortcode",
                "{filename}/posts/informational-interviews-asking.md",
            ),
            error(
                10,
                '"{{< youtube w7Ft2ymGmfc >}}" is a Hugo shortcode',
                "readers would see it as written",
                "replace it with the text or Markdown",
            ),
        ),
        written_as="posts/shortcodes-left-over-from-a-hugo-site/index.html",
    ),
    Case(
        "image-without-alt.md",
        (error(9, "no alt text", "describe what the image shows"),),
        written_as="posts/an-image-without-alt-text/index.html",
    ),
    Case(
        "missing-image.md",
        (
            error(
                7,
                "/images/fair-floor-plan.png does not exist in the site",
                "there is no file ",
                "content/images/fair-floor-plan.png",
                "put the image in content/images/",
            ),
        ),
        written_as="posts/an-image-file-that-does-not-exist/index.html",
    ),
    Case(
        "image-from-another-site.md",
        (
            error(
                7,
                "https://images.example.com/job-fair.jpg",
                "another website",
                "Content-Security-Policy",
                "save the image in content/images/",
            ),
        ),
        written_as="posts/an-image-loaded-from-another-website/index.html",
    ),
    Case(
        "series-name-differs-in-case.md",
        (
            error(
                5,
                '"informational Interviews"',
                '"Informational interviews" (4 posts)',
                "capital letters, spaces or punctuation",
                '"Series: Informational interviews" exactly',
            ),
        ),
        written_as="posts/a-fifth-part-with-its-series-name-in-other-capitals/index.html",
    ),
    Case(
        "series-index-not-a-number.md",
        (error(6, 'Series_index "five"', "not a whole number", '"Series_index: 2"'),),
        written_as="posts/a-series-part-numbered-in-words/index.html",
    ),
    Case(
        "duplicate-slug.md",
        (
            error(
                3,
                '"thank-you-note-after-an-interview"',
                "posts/thank-you-note-after-an-interview.md",
                "left out of the site",
                "different Slug line",
            ),
        ),
        written_as=None,
    ),
    Case(
        "unknown-status.md",
        (error(3, '"publised"', "left out", '"Status: draft"', '"Status: published"'),),
        written_as=None,
    ),
    Case(
        "title-twice.md",
        (error(4, "2 Title lines (lines 1 and 4)", "delete the other"),),
        written_as="posts/the-first-title-the-title-the-author-meant/index.html",
    ),
    Case(
        "yaml-unreadable.md",
        (
            error(
                2,
                "YAML front matter cannot be read",
                "mapping values are not allowed here",
                "needs quotes around it",
            ),
        ),
        written_as=None,
    ),
    Case(
        "not-utf8.md",
        (
            error(
                1, "not saved as UTF-8", "column 11", "0xE9", '"é"', "Encoding: UTF-8"
            ),
        ),
        written_as=None,
    ),
    Case(
        # Reported by the checklists plugin, through the same summary.
        "checklist-id-twice.md",
        (
            error(
                10,
                "Two items are pinned to the id “prepare”",
                "give each item an id of its own",
            ),
        ),
        written_as="posts/a-checklist-with-two-items-pinned-to-one-id/index.html",
    ),
    Case(
        "no-tags.md",
        (warning(1, "no tags", "Tags already in use: etiquette"),),
        written_as="posts/a-post-without-tags/index.html",
    ),
    Case(
        "long-summary.md",
        (warning(5, "326 characters", "at most 300 characters"),),
        written_as="posts/a-post-with-a-very-long-summary/index.html",
    ),
    Case(
        # Before the check, the feed writer stopped the build with a traceback.
        "control-characters.md",
        (warning(5, "U+001B", "also on lines 7, 11", "left out", "delete it"),),
        written_as="posts/a-post-with-invisible-control-characters/index.html",
    ),
    Case(
        "long-post-without-headings.md",
        (warning(None, "3,175 words", "no headings", '"## "'),),
        written_as="posts/a-very-long-post-without-headings/index.html",
    ),
]


def test_every_case_file_is_in_the_catalogue() -> None:
    assert sorted(path.name for path in CASES.iterdir()) == sorted(
        case.file for case in CATALOGUE
    )


@pytest.mark.parametrize("case", CATALOGUE, ids=[c.file for c in CATALOGUE])
def test_mistake(case: Case, tmp_path: Path) -> None:
    content = content_copy(tmp_path, (CASES / case.file, case.folder))
    output = tmp_path / "output"
    result = make("html", f"CONTENTDIR={content}", f"OUTPUTDIR={output}")
    log = result.stdout + result.stderr
    case_path = str(content / case.folder / case.file)

    # The summary lists exactly the expected problems, each with its fix.
    entries = summary_entries(log)
    found = [(e.severity, e.line) for e in entries if e.path == case_path]
    assert found == [(p.severity, p.line) for p in case.problems], log
    for entry, expected in zip(
        [e for e in entries if e.path == case_path], case.problems, strict=True
    ):
        assert entry.fix, entry
        for words in expected.words:
            assert words in entry.text, f"{words!r} not in: {entry.text}"
    others = [e for e in entries if e.path != case_path]
    assert len(others) == case.also_reported, others
    assert all(case.file in e.message for e in others), others

    # The message is the whole story.
    assert "Traceback" not in log
    assert not LOG_LINE_RE.search(log), log

    # Errors fail the build; warnings do not.
    if any(p.severity == "error" for p in case.problems):
        assert result.returncode != 0, log
        count = len(case.problems) + case.also_reported
        assert f"Build failed with {count} error" in log
        assert "Every other page was written" in log
    else:
        assert result.returncode == 0, log

    # The rest of the site still builds.
    for post in published_posts():
        assert (output / "posts" / post["slug"] / "index.html").is_file()
    for page in SITE_PAGES:
        assert (output / page / "index.html").is_file()
    assert (output / "index.html").is_file()
    posts = {path.name for path in (output / "posts").iterdir()}
    expected_posts = {post["slug"] for post in published_posts()}
    if case.written_as is not None:
        assert (output / case.written_as).is_file()
        if case.folder == "posts":
            expected_posts.add(Path(case.written_as).parent.name)
    assert posts == expected_posts
    if case.left_out_as is not None:
        assert not (output / case.left_out_as).exists()

    # Nothing half-made reaches a reader: no control character (the checklists'
    # internal markers start with one) in any file written.
    for path in output.rglob("*"):
        if path.suffix in {".html", ".xml", ".json", ".svg", ".txt"}:
            text = path.read_text(encoding="utf-8")
            assert not CONTROL_RE.search(text), f"{path.relative_to(output)}"
