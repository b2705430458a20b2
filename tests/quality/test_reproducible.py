"""Two clean builds of the same tree are byte for byte the same.

Dates must come from the content, never from the clock or from file times, and
nothing may depend on the order in which files happen to be listed. The second
build runs later than the session's `site` build, into a folder of its own.
"""

from __future__ import annotations

from tests.builds import differences, make, output_files
from tests.quality.conftest import failure_list


def test_two_clean_builds_are_byte_identical(site, tmp_path):
    result = make("html", f"OUTPUTDIR={tmp_path}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert output_files(site.output), "the build is empty"
    problems = differences(site.output, tmp_path)
    assert not problems, failure_list("differences between two builds", problems)
