"""Shared fixtures: one build of the real site, served over http on 127.0.0.1.

The site is built with the same command a user runs (`make html`), into a
temporary folder, so the tests never read a stale `output/`.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.builds import make
from tests.server import SiteServer


@dataclass(frozen=True)
class Build:
    output: Path
    log: str


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    output = tmp_path_factory.mktemp("site")
    result = make("html", f"OUTPUTDIR={output}")
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"`make html` failed:\n{log}"
    return Build(output=output, log=log)


@pytest.fixture(scope="session")
def server(site: Build):
    with SiteServer(site.output) as running:
        yield running


@pytest.fixture(scope="session")
def base_url(server: SiteServer) -> str:
    """Let `page.goto("/posts/...")` reach the test server (pytest-base-url)."""
    return server.url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Drive the system's Chromium: Playwright cannot download its own here."""
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        return browser_type_launch_args
    return {**browser_type_launch_args, "executable_path": executable}
