"""The Nu HTML Checker (vnu) finds no error in any page or stylesheet.

One Java process checks every file: vnu takes seconds to start, and milliseconds
per file after that. The checker is `vnu-jar` from npm, pinned in
package-lock.json and installed by `make test`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.builds import ROOT
from tests.quality.conftest import failure_list

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def describe(message: dict, output: Path) -> str:
    """Return ``/page/index.html:12: message  [the code it is about]``."""
    file = message.get("url", "").removeprefix("file:").removeprefix(str(output))
    extract = " ".join(message.get("extract", "").split())
    return f"{file}:{message.get('lastLine', '?')}: {message['message']}" + (
        f"  [{extract}]" if extract else ""
    )


def test_nu_html_checker_finds_no_errors(site, site_pages):
    assert shutil.which("java"), "no `java`: run `make test`, which installs it"
    assert VNU_JAR.is_file(), f"no {VNU_JAR}: run `make test`, which installs it"
    stylesheets = sorted(site.output.rglob("*.css"))
    files = [str(p.file) for p in site_pages] + [str(s) for s in stylesheets]
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        check=False,
    )
    # vnu writes its JSON report to stderr.
    report = json.loads(result.stderr)
    problems = [
        describe(message, site.output)
        for message in report["messages"]
        if message["type"] in {"error", "non-document-error"}
    ]
    assert not problems, failure_list(
        f"Nu HTML Checker errors in {len(files)} files", problems
    )
    assert result.returncode == 0, result.stderr
