"""make check, make publish on an error, YAML front matter, other plugins' problems."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import signals

from tests.authoring.helpers import CASES, content_copy, summary_entries
from tests.builds import build_fixture, make, site_settings
from tests.test_site_build import published_posts

FRONT_MATTER = Path(__file__).parent / "front_matter"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def environment_with_tmpdir(folder: Path) -> dict:
    folder.mkdir()
    return {**os.environ, "TMPDIR": str(folder)}


def test_check_passes_on_the_real_content_and_leaves_nothing_behind(
    tmp_path: Path,
) -> None:
    scratch = tmp_path / "scratch"
    result = make("check", env=environment_with_tmpdir(scratch))
    posts = len(published_posts())
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Content checks passed: {posts} posts and 4 pages." in result.stdout
    assert list(scratch.iterdir()) == []


def test_check_fails_on_an_error_and_lists_it(tmp_path: Path) -> None:
    content = content_copy(tmp_path, (CASES / "missing-summary.md", "posts"))
    scratch = tmp_path / "scratch"
    result = make(
        "check", f"CONTENTDIR={content}", env=environment_with_tmpdir(scratch)
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    [entry] = summary_entries(log)
    assert (entry.path, entry.line, entry.severity) == (
        str(content / "posts" / "missing-summary.md"),
        1,
        "error",
    )
    assert list(scratch.iterdir()) == []


def test_check_lists_a_warning_and_passes(tmp_path: Path) -> None:
    content = content_copy(tmp_path, (CASES / "no-tags.md", "posts"))
    result = make("check", f"CONTENTDIR={content}")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    [entry] = summary_entries(log)
    assert entry.severity == "warning"
    assert "Content checks found 1 warning" in log


def test_publish_refuses_on_an_error_and_leaves_the_last_site_alone(
    tmp_path: Path,
) -> None:
    content = content_copy(tmp_path, (CASES / "bad-date.md", "posts"))
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("the site published last time")
    result = make(
        "publish",
        "SITEURL=https://example.org",
        f"CONTENTDIR={content}",
        f"OUTPUTDIR={output}",
    )
    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert any(
        e.path.endswith("bad-date.md") and e.line == 2 for e in summary_entries(log)
    )
    assert "Traceback" not in log
    assert [p.name for p in output.iterdir()] == ["index.html"]
    assert (output / "index.html").read_text() == "the site published last time"


@pytest.fixture(scope="module")
def front_matter_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("front-matter")
    content = content_copy(
        folder,
        (FRONT_MATTER / "yaml-front-matter.md", "posts"),
        (FRONT_MATTER / "hugo-draft.md", "posts"),
        (FRONT_MATTER / "2023-01-29-practising-your-pitch.md", "posts"),
        (FRONT_MATTER / "2023-02-12-a-date-from-the-file-name.md", "posts"),
        (FRONT_MATTER / "hugo-lastmod.md", "posts"),
    )
    output = folder / "output"
    result = make("html", f"CONTENTDIR={content}", f"OUTPUTDIR={output}")
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert summary_entries(log) == [], log
    return output


def test_yaml_front_matter_sets_every_field(front_matter_site: Path) -> None:
    page = soup(front_matter_site / "posts/job-fairs-a-plan-for-the-day/index.html")
    assert page.h1.get_text(strip=True) == "Job fairs: a plan for the day"
    assert page.select_one(".post-meta time")["datetime"].startswith("2026-11-20T09:00")
    assert [a.get_text() for a in page.select(".tag-list a")] == [
        "job fairs",
        "networking",
    ]
    assert page.select_one(".post-category").get_text(strip=True) == "Job search"
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Brought over from a Jekyll site, front matter and all."
    )
    series = page.select_one(".series-box").get_text(" ", strip=True)
    assert " ".join(series.split()) == "Part 1 of 1 in Job fairs"
    # The body is Markdown as usual; the front matter is not part of it.
    assert page.select_one(".post-content h2").get_text() == "Before the day"
    assert "layout:" not in page.select_one(".post-content").get_text()


def test_hugo_draft_true_is_a_draft(front_matter_site: Path) -> None:
    draft = front_matter_site / "drafts/job-fairs-following-up/index.html"
    assert soup(draft).select_one(".draft-badge") is not None
    assert not (front_matter_site / "posts/job-fairs-following-up").exists()
    for listing in ("index.html", "archives/index.html", "feeds/all.atom.xml"):
        assert "job-fairs-following-up" not in (front_matter_site / listing).read_text()


@pytest.mark.parametrize(
    ("slug", "date", "modified", "summary"),
    [
        (
            # Jekyll: description, last_modified_at, a date with a time-zone offset.
            "practising-your-pitch-out-loud",
            "2023-01-29T18:30:22-08:00",
            "2023-02-03T09:15:00-08:00",
            "Say it to a friend, then to a stranger at a meetup.",
        ),
        (
            # Jekyll: excerpt, and no date field: the date in the file name.
            "a-date-from-the-file-name",
            "2023-02-12T00:00:00+00:00",
            None,
            "Jekyll dates a post without a date field by its file name.",
        ),
        (
            # Hugo: description and lastmod.
            "tidying-your-online-profile",
            "2023-03-05T10:00:00+01:00",
            "2023-03-20T08:30:00+01:00",
            "Three small changes a recruiter notices.",
        ),
    ],
)
def test_jekyll_and_hugo_field_names(
    front_matter_site: Path,
    slug: str,
    date: str,
    modified: str | None,
    summary: str,
) -> None:
    page = soup(front_matter_site / "posts" / slug / "index.html")
    assert page.select_one(".post-meta time")["datetime"] == date
    modified_time = page.find("meta", attrs={"property": "article:modified_time"})
    assert (modified_time and modified_time["content"]) == modified
    # The summary (the fixture's build has no "no Summary line" error), as Markdown.
    assert page.find("meta", attrs={"name": "description"})["content"] == summary


REPORTING_PLUGIN = """
import logging
from pelican import signals

log = logging.getLogger(__name__)


def report(content):
    if content.source_path.endswith("thank-you-note-after-an-interview.md"):
        log.error(
            "checklists: two items are pinned to the id %r",
            "send-it",
            extra={
                "content_path": content.source_path,
                "content_line": 12,
                "content_fix": "give one of them another id",
            },
        )


def register():
    signals.content_object_init.connect(report)
"""


def build_with_reporting_plugin(tmp_path: Path, **override) -> Path:
    plugins = tmp_path / "test_plugins"
    plugins.mkdir()
    (plugins / "reporting_plugin.py").write_text(REPORTING_PLUGIN)
    content = content_copy(tmp_path)
    site = site_settings(content, tmp_path / "output")
    try:
        build_fixture(
            content,
            tmp_path / "output",
            PLUGIN_PATHS=[*site["PLUGIN_PATHS"], str(plugins)],
            PLUGINS=[*site["PLUGINS"], "reporting_plugin"],
            **override,
        )
    finally:
        # Signals outlive a build: later builds in this process must not hear it.
        plugin = sys.modules.pop("reporting_plugin")
        signals.content_object_init.disconnect(plugin.report)
    return content


def test_another_plugin_reports_through_the_same_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        content = build_with_reporting_plugin(tmp_path)
    path = content / "posts" / "thank-you-note-after-an-interview.md"
    [entry] = summary_entries(capsys.readouterr().out)
    assert (entry.path, entry.line, entry.severity) == (str(path), 12, "error")
    assert entry.message == "checklists: two items are pinned to the id 'send-it'"
    assert entry.fix == "give one of them another id"
    # Other log handlers still receive the record as it was logged.
    assert any("pinned to the id" in r.getMessage() for r in caplog.records)


def test_an_error_ends_the_build_when_the_setting_asks(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_with_reporting_plugin(tmp_path, CONTENT_CHECKS_FAIL_BUILD=True)
    assert stopped.value.code == 1
