"""Two clean builds of the same tree are byte for byte the same.

Dates must come from the content, never from the clock or from file times, and
nothing may depend on the order in which files happen to be listed. The second
build runs later than the session's `site` build, into a folder of its own.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.builds import make
from tests.quality.conftest import failure_list


def build_files(output: Path) -> dict[str, bytes]:
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def first_difference(a: bytes, b: bytes) -> str:
    try:
        lines_a, lines_b = a.decode().splitlines(), b.decode().splitlines()
    except UnicodeDecodeError:
        return "(binary)"
    diff = [
        line
        for line in difflib.unified_diff(lines_a, lines_b, lineterm="", n=0)
        if line.startswith(("-", "+")) and not line.startswith(("---", "+++"))
    ]
    return " | ".join(line[:120] for line in diff[:2])


def test_two_clean_builds_are_byte_identical(site, tmp_path):
    result = make("html", f"OUTPUTDIR={tmp_path}")
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = build_files(site.output), build_files(tmp_path)
    problems = [f"only in the first build: {name}" for name in first.keys() - second]
    problems += [f"only in the second build: {name}" for name in second.keys() - first]
    problems += [
        f"{name} differs: {first_difference(first[name], second[name])}"
        for name in sorted(first.keys() & second.keys())
        if first[name] != second[name]
    ]
    assert first, "the build is empty"
    assert not problems, failure_list("differences between two builds", problems)
