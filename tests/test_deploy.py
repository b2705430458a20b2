"""Putting the site online: the GitHub Actions workflow, GitHub Pages, Netlify.

- `.github/workflows/` passes actionlint, tests every push and publishes only main.
- The workflow's build step, run here as GitHub runs it but for a local address,
  gives a site that works where the host sends no header of the site's own
  (GitHub Pages): every page carries its Content-Security-Policy as a <meta>
  element, the policy is in force, and the pages work under it in Chromium.
- netlify.toml sends exactly the headers of `_headers`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from plugins.meta_headers import parse_headers_file
from tests.builds import ROOT, free_port
from tests.quality.conftest import RECORD_CSP_VIOLATIONS, exercise, failure_list
from tests.server import SiteServer

WORKFLOWS = ROOT / ".github" / "workflows"
SITE_WORKFLOW = WORKFLOWS / "site.yml"
HEADERS_FILE = ROOT / "content" / "extra" / "_headers"
# Directives a browser ignores in a <meta> policy, and says so on the console.
META_IGNORES = {"frame-ancestors"}
# One page of each kind: home, a post with checklists, a printable checklist,
# the search page, a series.
PAGES = [
    "/",
    "/posts/informational-interviews-after/",
    "/checklists/after-an-informational-interview/",
    "/search/",
    "/series/informational-interviews/",
]


def makefile_default(name: str) -> str:
    [value] = re.findall(
        rf"^{name} \?= (\S+)$", (ROOT / "Makefile").read_text(), re.MULTILINE
    )
    return value


def directives(policy: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


@dataclass(frozen=True)
class Workflow:
    jobs: dict

    def steps(self, job: str) -> list[dict]:
        return self.jobs[job]["steps"]

    def step_using(self, job: str, action: str) -> dict:
        [step] = [
            s for s in self.steps(job) if s.get("uses", "").startswith(action + "@")
        ]
        return step


@pytest.fixture(scope="module")
def workflow() -> Workflow:
    return Workflow(jobs=yaml.safe_load(SITE_WORKFLOW.read_text())["jobs"])


def test_workflows_pass_actionlint():
    assert list(WORKFLOWS.glob("*.yml")), f"no workflow in {WORKFLOWS}"
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(actionlint), "-color=false"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_tests_every_push_and_publishes_only_main(workflow):
    on_main = "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    test_steps = workflow.steps("test")
    assert {"run": "make test", "name": "Test"} in test_steps
    after_tests = test_steps[test_steps.index({"run": "make test", "name": "Test"}) :]
    publishing = [s for s in after_tests if "make test" not in s.get("run", "")]
    assert publishing, "the test job does not go on to publish"
    assert all(step.get("if") == on_main for step in publishing), publishing
    assert workflow.jobs["deploy"]["needs"] == "test"
    assert workflow.jobs["deploy"]["if"] == on_main
    upload = workflow.step_using("test", "actions/upload-pages-artifact")
    assert upload["with"]["path"] == makefile_default("OUTPUTDIR")


@dataclass(frozen=True)
class PagesBuild:
    output: Path
    port: int


@pytest.fixture(scope="module")
def pages_build(workflow, tmp_path_factory) -> PagesBuild:
    """Run the workflow's build step as GitHub does, for a local address.

    Its SITEURL is configure-pages' base_url there; here, the test server's.
    """
    pages_step = workflow.step_using("test", "actions/configure-pages")
    [build] = [
        step
        for step in workflow.steps("test")
        if step.get("env", {}).get("SITEURL")
        == f"${{{{ steps.{pages_step['id']}.outputs.base_url }}}}"
    ]
    output = tmp_path_factory.mktemp("github-pages")
    port = free_port()
    result = subprocess.run(
        ["bash", "-e", "-c", build["run"]],
        cwd=ROOT,
        env={
            **os.environ,
            **build["env"],
            "SITEURL": f"http://127.0.0.1:{port}",
            "OUTPUTDIR": str(output),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return PagesBuild(output=output, port=port)


def test_every_page_carries_the_policy_before_what_it_governs(pages_build):
    """The <meta> policy is the header's, less what a <meta> cannot hold."""
    rules = dict(parse_headers_file(HEADERS_FILE.read_text()))
    header = dict(rules["/*"])
    wanted = {
        name: directive
        for name, directive in directives(header["Content-Security-Policy"]).items()
        if name not in META_IGNORES
    }
    problems = []
    pages = sorted(pages_build.output.rglob("*.html"))
    assert pages, "the build has no pages"
    for file in pages:
        head = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").head
        first, policy, referrer = head.find_all(True)[:3]
        name = file.relative_to(pages_build.output).as_posix()
        if first.name != "meta" or not first.has_attr("charset"):
            problems.append(f"{name}: the first element is not <meta charset>")
        if policy.get("http-equiv") != "Content-Security-Policy":
            problems.append(f"{name}: no policy right after <meta charset>")
        elif directives(policy["content"]) != wanted:
            problems.append(f"{name}: policy {policy['content']!r}")
        if (referrer.get("name"), referrer.get("content")) != (
            "referrer",
            header["Referrer-Policy"],
        ):
            problems.append(f"{name}: no referrer policy {header['Referrer-Policy']}")
    assert not problems, failure_list("pages without the <meta> policy", problems)


def test_pages_work_under_the_meta_policy_where_the_host_sends_no_headers(
    pages_build, browser
):
    problems = []
    with SiteServer(pages_build.output, pages_build.port, send_headers=False) as host:
        context = browser.new_context(base_url=host.url)
        context.add_init_script(RECORD_CSP_VIOLATIONS)
        page = context.new_page()
        page.set_default_timeout(10_000)
        errors: list[str] = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        for path in PAGES:
            response = page.goto(path)
            if response is None or response.status != 200:
                problems.append(f"{path}: {response and response.status}")
                continue
            if "content-security-policy" in response.headers:
                problems.append(f"{path}: the host sent a policy; the test is void")
            exercise(page)
            problems += [f"{path}: {v}" for v in page.evaluate("__cspViolations")]
            problems += [f"{path}: {e}" for e in errors]
            errors.clear()
        # In force: the code an attacker might inject into a page is refused.
        page.goto(PAGES[0])
        page.evaluate(
            """() => {
              const script = document.createElement("script");
              script.textContent = "window.injected = true";
              document.head.append(script);
            }"""
        )
        injected = page.evaluate("window.injected === true")
        refused = page.evaluate("__cspViolations")
        context.close()
    assert not problems, failure_list("pages that fail under the policy", problems)
    assert not injected, "an injected inline script ran: the policy is not in force"
    assert any(v.startswith("script-src-elem refused inline") for v in refused), refused


def test_netlify_toml_sends_exactly_the_headers_of_the_headers_file():
    netlify = tomllib.loads((ROOT / "netlify.toml").read_text())
    sent = [(rule["for"], rule["values"]) for rule in netlify["headers"]]
    wanted = [
        (pattern, dict(headers))
        for pattern, headers in parse_headers_file(HEADERS_FILE.read_text())
    ]
    assert sent == wanted
    assert netlify["build"]["publish"] == makefile_default("OUTPUTDIR")
    assert netlify["build"]["command"].startswith("make publish ")
