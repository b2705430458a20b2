"""A tiny site with nothing but the plugin: one post with a checklist, no theme."""

from __future__ import annotations

import subprocess
from pathlib import Path

POST = """\
Title: Packing for an interview
Date: 2026-11-02

A day before, lay it all out.

## Packing list

- [ ] Copies of your CV
- [x] A pen that works
- [ ] Directions to the building {: notes="Which entrance, and who to ask for?" }
"""
SETTINGS = """\
SITENAME = "A site with nothing else"
PATH = "content"
TIMEZONE = "UTC"
PLUGINS = ["checklists"]
"""
CHECKLIST_ID = "packing-for-an-interview--packing-list"


def run(*command: str | Path, cwd: Path | None = None) -> str:
    """Run ``command``; return what it printed, or fail with it."""
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    printed = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(map(str, command))} failed:\n{printed}"
    return printed


def build_tiny_site(root: Path, pelican: Path, settings: str = "") -> str:
    """Write the site in ``root``, build it into ``root/output``; return the log.

    ``settings`` are added to the tiny site's own. Built by the ``pelican``
    command given, in a process of its own: no plugin of an earlier build in the
    test session is still listening to Pelican's signals.
    """
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "packing.md").write_text(POST)
    (root / "pelicanconf.py").write_text(SETTINGS + settings)
    log = run(pelican, "-s", "pelicanconf.py", "-o", "output", cwd=root)
    assert "ERROR" not in log and "checklists:" not in log, log
    return log
