"""The search index (plugins/search_index): Pagefind given each page as it is written.

Small builds of fixture posts with the site's settings, as `make html` and each
`make serve` rebuild run them; the search page itself is tested in test_search.py.
"""

from __future__ import annotations

import base64
import os
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican

from plugins.search_index.search_index import (
    FOLDER,
    GENERIC_ENGINE,
    NEVER_LOADED,
    Indexer,
    as_pagefind_reads_it,
    pagefind_copy,
    write_bundle,
)
from tests.builds import ROOT, build_fixture, site_settings
from tests.conftest import Build
from tests.test_search import (
    CHECKLIST_POST_URL,
    CHECKLIST_URL,
    CHECKLIST_WORDS,
    indexed_pages,
    words,
    write_checklist_post,
)

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
    write_checklist_post(root / "content")
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


def test_every_word_of_a_checklist_is_indexed_and_its_page_left_as_written(
    built: Path,
) -> None:
    pages = indexed_pages(built)
    post = pages[CHECKLIST_POST_URL]
    assert set(CHECKLIST_WORDS.values()) <= words(post["content"])
    # The checklist is a part of the post of its own, named by its title.
    fragment = CHECKLIST_URL.partition("#")[2]
    (anchor,) = [a for a in post["anchors"] if a["id"] == fragment]
    assert (anchor["element"], anchor["text"]) == ("h2", "Everything for the day")
    # Only Pagefind's copy changed: readers' checkboxes keep their labels.
    html = (built / CHECKLIST_POST_URL.strip("/") / "index.html").read_text()
    checklist = BeautifulSoup(html, "html.parser").select_one(".checklist")
    assert len(checklist("label")) == 5  # three items, two notes boxes
    assert checklist.legend.get_text() == "Everything for the day"
    # The printable page repeats the checklist: it is not indexed.
    assert not [url for url in pages if url.startswith("/checklists/")]


def test_pagefind_is_given_all_it_reads_of_a_page(site: Build, tmp_path: Path) -> None:
    """Pagefind's copy of each page (not the whole page) indexes as the page does.

    The same text, title, language and parts of the page (anchors) for every
    post and page of the site.
    """
    indexer = Indexer()
    for url in indexed_pages(site.output):
        page = (site.output / url.strip("/") / "index.html").read_text()
        indexer.add(url, as_pagefind_reads_it(page))
    write_bundle(indexer.files(), tmp_path / FOLDER)
    assert indexed_pages(tmp_path) == indexed_pages(site.output)


def test_pagefind_is_given_the_parts_of_a_page_it_reads() -> None:
    text = "<p>The page's own text</p>"
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>A page</title></head><body><nav>Home</nav><h1>A page</h1>"
        f"<main data-pagefind-body>{text}</main><footer>About</footer></body></html>"
    )
    assert pagefind_copy(page, text) == (
        '<!doctype html><html lang="en"><head><title>A page</title></head>'
        f"<h1>A page</h1><main data-pagefind-body>{text}</main></html>"
    )
    # A body that does not hold the post's text as it is: all of the page.
    assert pagefind_copy(page, "<p>Other text</p>") == page


def build_with_pagefind(tmp_path: Path, program: Path) -> str:
    """Run `make html`'s command on a post, with ``program`` as Pagefind's.

    Return what it printed, once it has exited with status 1.
    """
    write_post(tmp_path / "content", "quokka")
    result = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "pelican"),
            str(tmp_path / "content"),
            "-s",
            str(ROOT / "pelican.conf.py"),
            "-o",
            str(tmp_path / "output"),
            "-e",
            "CONTENT_CHECKS_FAIL_BUILD=true",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PAGEFIND_BINARY_PATH": str(program)},
    )
    said = result.stdout + result.stderr
    assert result.returncode == 1, said
    # Pagefind's failure is no bug in the build: its message, not a traceback.
    assert "Traceback" not in said
    return " ".join(said.split())  # as one line, however the terminal wrapped it


def test_a_pagefind_failure_fails_the_build_with_its_message(tmp_path: Path) -> None:
    """Pagefind's process ends half-way, as when it crashes or is killed.

    It makes the index asked for, then ends while the pages are handed over:
    the build goes on without it, and says so once.
    """
    made = base64.b64encode(
        b'{"message_id": 1, "payload": {"type": "NewIndex", "index_id": 0}}'
    ).decode()
    crashing = tmp_path / "pagefind"
    crashing.write_text(
        f"#!/bin/sh\nhead -c 1 >/dev/null\nprintf '{made},'\n"
        "echo \"thread 'main' panicked: out of memory\" >&2\nexit 101\n"
    )
    crashing.chmod(0o755)
    said = build_with_pagefind(tmp_path, crashing)
    assert said.count("search_index: Pagefind stopped") == 1, said
    assert (
        "search_index: Pagefind stopped, so the site has no search index "
        "(exit status 101): thread 'main' panicked: out of memory"
    ) in said


def test_a_missing_pagefind_program_says_how_to_install_it(tmp_path: Path) -> None:
    said = build_with_pagefind(tmp_path, tmp_path / "missing" / "pagefind")
    assert "search_index: Pagefind's program cannot be started" in said
    assert "pip install -r requirements.txt" in said


def test_a_post_saved_elsewhere_is_indexed_too(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write_post(content, "quokka")
    post = content / "posts" / "quokka.md"
    post.write_text("Save_as: animals/quokka.html\n" + post.read_text())
    build_fixture(content, output)
    assert "quokka" in indexed_pages(output)["/animals/quokka.html"]["content"]
