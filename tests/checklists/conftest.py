"""Fixture sites for the checklists' browser tests, built as a user builds.

Each is built by `make html` from posts under tests/checklists/fixtures/ plus
the site's content/extra/ (its `_headers`, so that the test server applies the
real Content-Security-Policy), and served over http on 127.0.0.1.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext

from tests.builds import ROOT, make
from tests.server import SiteServer

FIXTURES = Path(__file__).parent / "fixtures"


def build_site(posts: Path, content: Path, output: Path) -> None:
    """Build the content folder ``posts`` with `make html` into ``output``.

    ``content`` is the folder built from; it is replaced by ``posts`` and the
    site's extra files, so one site can be built again from new posts.
    """
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(posts, content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    result = make("html", f"OUTPUTDIR={output}", f"CONTENTDIR={content}")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="session")
def checklist_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve the edge-case site (fixtures/site/); yield its URL."""
    folder = tmp_path_factory.mktemp("checklist_site")
    build_site(FIXTURES / "site", folder / "content", folder / "output")
    with SiteServer(folder / "output") as server:
        yield server.url


@pytest.fixture
def fixture_context(browser: Browser, checklist_site: str) -> Iterator[BrowserContext]:
    context = browser.new_context(base_url=checklist_site)
    yield context
    context.close()
