"""The line of its file an author reads: where a checklist, or a problem, is.

The Markdown step sees the text after the header (which Pelican's reader takes
off), so a line is found in the file itself, by what it holds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def source_line(
    path: str, matches: Callable[[str], object], occurrence: int = 1
) -> int | None:
    """Return the number of the line of ``path`` that ``matches``, or None.

    ``occurrence`` says which of several matching lines (1 for the first; the
    last when there are fewer).
    """
    try:
        text = Path(path).read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return None
    found = [
        number for number, line in enumerate(text.split("\n"), start=1) if matches(line)
    ]
    return found[min(occurrence, len(found)) - 1] if found else None
