"""The search index (plugins/search_index): Pagefind at the end of every build.

Small builds of a fixture post with the site's settings, as `make html` and each
`make serve` rebuild run them; the search page itself is tested in test_search.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pelican import Pelican

from plugins.search_index import search_index
from plugins.search_index.search_index import (
    FOLDER,
    GENERIC_ENGINE,
    NEVER_LOADED,
    SearchIndexError,
)
from tests.builds import ROOT, build_fixture, site_settings
from tests.test_search import indexed_pages

POST = (
    "Title: Meeting a quokka\nDate: 2026-01-05 09:00\nTags: animals\n"
    "Summary: A post about one {word}.\n\nThis post is about a {word}.\n"
)
# What search.js loads: Pagefind's API, its worker, its list of languages and the
# engine for the site's language, then the index and fragments it asks for.
LOADED = (
    "pagefind.js",
    "pagefind-worker.js",
    "pagefind-entry.json",
    "wasm.en.pagefind",
)


def write_post(content: Path, word: str) -> None:
    (content / "posts").mkdir(parents=True, exist_ok=True)
    (content / "posts" / "quokka.md").write_text(
        POST.format(word=word), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("search_index")
    write_post(root / "content", "quokka")
    build_fixture(root / "content", root / "output")
    return root / "output"


def test_every_build_writes_the_index_of_its_pages(built: Path) -> None:
    pages = indexed_pages(built)
    assert "/posts/meeting-a-quokka/" in pages
    assert "quokka" in pages["/posts/meeting-a-quokka/"]["content"]
    for name in LOADED:
        assert (built / FOLDER / name).is_file(), name


def test_files_the_site_never_loads_are_left_out(built: Path) -> None:
    written = {path.name for path in (built / FOLDER).iterdir()}
    assert written.isdisjoint({*NEVER_LOADED, GENERIC_ENGINE}), sorted(written)
    # Only what the page loads is left at the top: the rest is index/ and fragment/.
    assert {name for name in written if not name.endswith(".pf_meta")} == {
        *LOADED,
        "index",
        "fragment",
    }


def test_a_rebuild_indexes_the_new_text_and_leaves_no_stale_file(
    tmp_path: Path,
) -> None:
    """`make serve` runs one Pelican again and again: each run indexes anew."""
    content, output = tmp_path / "content", tmp_path / "output"
    write_post(content, "quokka")
    site = Pelican(site_settings(content, output))
    site.run()
    stale = output / FOLDER / "fragment" / "stale.pf_fragment"
    stale.write_bytes(b"from an older build")

    write_post(content, "wallaby")
    site.run()

    text = indexed_pages(output)["/posts/meeting-a-quokka/"]["content"]
    assert "wallaby" in text
    assert "quokka" not in text.replace("Meeting a quokka", "")
    assert not stale.exists()


def test_a_pagefind_failure_stops_the_build_with_its_message(tmp_path: Path) -> None:
    # No page at all (no content, no list pages): Pagefind has nothing to index.
    (tmp_path / "content").mkdir()
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "pelican"),
            str(tmp_path / "content"),
            "-s",
            str(ROOT / "pelican.conf.py"),
            "-o",
            str(tmp_path / "output"),
            "-e",
            "DIRECT_TEMPLATES=[]",
            'CHECKLISTS_INDEX_SAVE_AS=""',
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert "search_index: Pagefind could not index" in log
    assert "Pagefind was not able to build an index" in log


def test_a_missing_pagefind_program_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Path:
        raise FileNotFoundError("Could not find any of [pagefind]")

    monkeypatch.setattr(search_index, "get_executable", missing)
    with pytest.raises(SearchIndexError, match=r"pip install -r requirements\.txt"):
        search_index.build_index(tmp_path)


def test_pagefind_reads_only_where_posts_and_pages_are_written() -> None:
    settings = {
        "ARTICLE_SAVE_AS": "posts/{slug}/index.html",
        "ARTICLE_LANG_SAVE_AS": "",
        "PAGE_SAVE_AS": "{slug}/index.html",
        "PAGE_LANG_SAVE_AS": "{date:%Y/%m}/{slug}-{lang}.html",
    }
    saved_as = ["posts/a/index.html", "about/index.html", "special/offer.html"]
    assert search_index.indexed_files_glob(settings, saved_as) == (
        "{**/*-*.html,*/index.html,posts/*/index.html,special/offer.html}"
    )
    # A name a glob would read as a pattern: Pagefind reads every page instead.
    assert (
        search_index.indexed_files_glob(settings, ["odd/[draft].html"])
        == search_index.EVERY_PAGE
    )


def test_a_post_saved_elsewhere_is_indexed_too(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write_post(content, "quokka")
    post = content / "posts" / "quokka.md"
    post.write_text("Save_as: animals/quokka.html\n" + post.read_text())
    build_fixture(content, output)
    assert "quokka" in indexed_pages(output)["/animals/quokka.html"]["content"]
