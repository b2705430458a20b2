"""build_speed: a large site read and rendered on two cores is the same site.

Every build here is Pelican's command line with the site's settings, as `make html`
runs it, once on one core (``BUILD_SPEED_PARALLEL_MIN_FILES=0``) and once with a
minimum so low that a second process reads half the posts and renders every other
page. What an author and a reader get must not change: the same files, byte for
byte, and the same messages for the same mistakes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.authoring.helpers import CASES, content_copy, summary_entries
from tests.bench.bench import write_corpus
from tests.builds import ROOT, differences

READING = "build_speed: a second process reads"
RENDERING = "build_speed: a second process renders every other page"
# Pelican's command line, with the plugin's modules at hand to change for a test.
PELICAN_WITH = (
    "import sys\n"
    "sys.path.insert(0, 'plugins')\n"
    "from build_speed import copy, reading, writing\n"
    "{change}\n"
    "from pelican import main\n"
    "sys.argv[0] = 'pelican'\n"
    "main()\n"
)
# The copy ends at once: the build must read and render everything itself.
COPY_GIVES_UP = "copy.BuildCopy._run_copy = lambda self, work: self._send.close()"
# The copy reads every file and renders every page: all the build's content
# comes through it.
COPY_DOES_ALL = (
    "reading.copys_half = lambda paths: paths\nwriting.copys_share = lambda path: True"
)


def build(
    content: Path, output: Path, minimum: int, change: str | None = None
) -> subprocess.CompletedProcess[str]:
    program = (
        [sys.executable, "-c", PELICAN_WITH.format(change=change)]
        if change
        else [str(ROOT / ".venv" / "bin" / "pelican")]
    )
    return subprocess.run(
        [
            *program,
            str(content),
            "-s",
            str(ROOT / "pelican.conf.py"),
            "-o",
            str(output),
            "--verbose",
            "-e",
            "CONTENT_CHECKS_FAIL_BUILD=true",
            f"BUILD_SPEED_PARALLEL_MIN_FILES={minimum}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        # Wide enough that no log message is wrapped onto two lines.
        env={**os.environ, "COLUMNS": "1000"},
    )


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """24 posts like the benchmark's (a checklist, tags, a series) and the pages."""
    content = tmp_path_factory.mktemp("build_speed") / "content"
    write_corpus(content, 24)
    return content


@pytest.fixture(scope="module")
def one_core(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("one_core")
    result = build(corpus, output, 0)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert READING not in log
    assert RENDERING not in log
    return output


def test_two_cores_write_the_same_site_byte_for_byte(
    corpus: Path, one_core: Path, tmp_path: Path
) -> None:
    result = build(corpus, tmp_path, 2)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert f"{READING} 12 of 24 files" in log
    assert RENDERING in log
    assert differences(one_core, tmp_path) == []


@pytest.mark.parametrize(
    "change", [COPY_DOES_ALL, COPY_GIVES_UP], ids=["copy does all", "copy gives up"]
)
def test_the_same_site_whatever_share_the_copy_does(
    corpus: Path, one_core: Path, tmp_path: Path, change: str
) -> None:
    result = build(corpus, tmp_path, 2, change)
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert RENDERING in log
    assert differences(one_core, tmp_path) == []


def test_what_the_copy_logs_while_reading_is_logged_once_by_the_build(
    corpus: Path, tmp_path: Path
) -> None:
    # pelican-yaml-metadata says, at INFO, that a post has no YAML header: the
    # copy reads every post, and its messages come back through the build.
    result = build(corpus, tmp_path, 2, COPY_DOES_ALL)
    log = result.stdout + result.stderr
    for post in sorted((corpus / "posts").glob("*.md")):
        assert log.count(f"No YAML metadata header found in '{post}'") == 1, post.name


def test_mistakes_read_by_the_copy_get_the_same_messages(tmp_path: Path) -> None:
    """Every mistake in the catalogue, every file read by the second process."""
    cases = [
        (case, "posts")
        for case in sorted(CASES.glob("*.md"))
        if "page" not in case.name
    ]
    content = content_copy(tmp_path, *cases)
    one = build(content, tmp_path / "one", 0)
    two = build(content, tmp_path / "two", 2, COPY_DOES_ALL)
    assert READING in two.stdout + two.stderr
    assert two.returncode == one.returncode == 1
    messages = summary_entries(one.stdout + one.stderr)
    assert len(messages) >= len(cases)
    assert summary_entries(two.stdout + two.stderr) == messages
    assert "Traceback" not in two.stdout + two.stderr
