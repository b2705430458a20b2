"""Run the Makefile's commands on a copy of the site's content, and read the summary.

Every test builds from a copy of content/ in a temporary folder, with the fixture
under test added to it: content/ itself is never touched.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from tests.builds import ROOT

HERE = Path(__file__).parent
CASES = HERE / "cases"
# One problem in the summary: "path:line: error: message", then "    Fix: ...".
# The location is absent for a problem that belongs to no file.
ENTRY_RE = re.compile(
    r"^(?:(?P<path>\S.*?)(?::(?P<line>\d+))?: )?(?P<severity>error|warning): "
    r"(?P<message>.*)$"
)
# A record as Pelican's console handler prints it ("[09:30:00] WARNING  ...", or
# indented under the previous one); the summary replaces them.
LOG_LINE_RE = re.compile(r"^(?:\[[\d:]+\]| +) *(WARNING|ERROR|CRITICAL) ", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    path: str
    line: int | None
    severity: str
    message: str
    fix: str

    @property
    def text(self) -> str:
        return f"{self.message} Fix: {self.fix}"


def summary_entries(output: str) -> list[Entry]:
    """Return the problems the content checks' summary lists, in order."""
    entries: list[Entry] = []
    lines = output.splitlines()
    for index, line in enumerate(lines):
        match = ENTRY_RE.match(line)
        if not match:
            continue
        following = lines[index + 1] if index + 1 < len(lines) else ""
        fix = (
            following.removeprefix("    Fix: ")
            if following.startswith("    Fix: ")
            else ""
        )
        entries.append(
            Entry(
                path=match["path"] or "",
                line=int(match["line"]) if match["line"] else None,
                severity=match["severity"],
                message=match["message"],
                fix=fix,
            )
        )
    return entries


def content_copy(folder: Path, *extra: tuple[Path, str]) -> Path:
    """Copy content/ into ``folder``; add each (fixture file, sub-folder) to it."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    for fixture, subfolder in extra:
        shutil.copy(fixture, content / subfolder / fixture.name)
    return content
