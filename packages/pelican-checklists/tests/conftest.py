"""The package's tests: its wheel, and the tiny site it builds beside Pelican alone.

They run from the site's repository, with its browser setup and test server.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from tiny_site import build_tiny_site, run

from tests.conftest import browser_type_launch_args
from tests.server import SiteServer

__all__ = ["browser_type_launch_args"]

PACKAGE = Path(__file__).resolve().parent.parent
REPOSITORY = PACKAGE.parent.parent


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the package's wheel once per session."""
    folder = tmp_path_factory.mktemp("wheel")
    # --no-isolation: the build backend is the one this repository pins.
    run(
        sys.executable,
        "-m",
        "build",
        "--wheel",
        "--no-isolation",
        "--outdir",
        folder,
        PACKAGE,
    )
    [built] = folder.glob("pelican_checklists-*.whl")
    return built


@pytest.fixture(scope="session")
def default_theme_site(wheel: Path, tmp_path_factory: pytest.TempPathFactory):
    """Build the tiny site with the wheel in a fresh environment; serve it."""
    root = tmp_path_factory.mktemp("default-theme")
    run(sys.executable, "-m", "venv", root / "venv")
    # The site's lock (requirements.txt, with hashes) as plain constraints: each
    # `name==version`, with its environment marker where it has one.
    pins = [
        pin.group(1).strip()
        for line in (REPOSITORY / "requirements.txt").read_text().splitlines()
        if (pin := re.match(r"([A-Za-z0-9][^\s\\]*==[^\\]+)", line))
    ]
    (root / "constraints.txt").write_text("\n".join(pins) + "\n")
    run(
        root / "venv" / "bin" / "python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "-c",
        root / "constraints.txt",
        wheel,
    )
    installed = run(
        root / "venv" / "bin" / "python", "-m", "pip", "list", "--format=freeze"
    )
    assert "pelican-checklists==" in installed
    assert "pelican-series" not in installed  # nothing else of this repository's
    build_tiny_site(root, root / "venv" / "bin" / "pelican")
    return root / "output"


@pytest.fixture(scope="session")
def base_url(default_theme_site: Path):
    """Serve the tiny site; tests go to ``f"{base_url}/..."``.

    Always with the address written out: pytest-playwright's context, made once
    per session, may already hold the site's own base URL.
    """
    with SiteServer(default_theme_site) as server:
        yield server.url
