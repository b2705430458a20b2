"""The two ways tests build a site: as a user does, and in-process.

`make` runs a Makefile target exactly as a user or author types it; use it where
what the command prints or exits with matters. `build_fixture` builds a content
folder with the site's own settings through Pelican's API, for fixture sites.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parent.parent


def make(
    target: str, *args: str, env: dict | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``make <target> [VAR=value ...]`` in the project; return the process."""
    return subprocess.run(
        ["make", "--no-print-directory", target, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )


def site_settings(content: Path, output: Path, **override) -> dict:
    """Return the site's settings (pelican.conf.py) for ``content`` -> ``output``."""
    return read_settings(
        str(ROOT / "pelican.conf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            **override,
        },
    )


def build_fixture(content: Path, output: Path, **override) -> None:
    """Build ``content`` (a folder like content/) with the site's settings."""
    Pelican(site_settings(content, output, **override)).run()
