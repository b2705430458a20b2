"""One crawl of the built site, shared by every quality gate.

`site_pages` lists every HTML page of the `site` build. `browser_audit` opens
each of them once in Chromium, through the test server that sends the site's
real headers, and records what the gates look at: console messages, script
errors, Content-Security-Policy violations, every request the page made, and
axe-core's findings in the light and in the dark colour scheme. The gates are
separate tests reading their part of that record, so each fails on its own with
its own list.
"""

from __future__ import annotations

import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from tests.builds import ROOT, free_port
from tests.server import SiteServer

# axe-core rules that test WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_TAGS},
    "resultTypes": ["violations"],
}
COLOR_SCHEMES = ("light", "dark")

# The init script runs before the page's own scripts and records every
# `securitypolicyviolation` event, which says exactly which directive refused
# what, where (a console message alone does not always name the element).
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline code"}` +
    ` (${event.sourceFile || "the page"}:${event.lineNumber})` +
    (event.sample ? `: ${event.sample}` : "")
  );
});
"""

# Where a site published under a sub-path lives on its host.
SUBPATH = "/blog"

# Words that occur in the site's posts, typed into a search field on the page.
SEARCH_WORDS = "informational interview"


@dataclass(frozen=True)
class SitePage:
    """One HTML file of the build and the URL path it is served at."""

    file: Path
    path: str


@dataclass
class PageAudit:
    path: str
    status: int | None = None
    csp_header: str | None = None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    # colour scheme -> ["rule (impact): help; targets", ...]
    axe_violations: dict[str, list[str]] = field(default_factory=dict)
    # Anything that stopped the audit of this page part-way.
    crash: str | None = None


def url_path(output: Path, file: Path) -> str:
    """Return the URL path a host serves ``file`` at (``a/index.html`` -> ``/a/``)."""
    relative = file.relative_to(output).as_posix()
    if relative == "index.html" or relative.endswith("/index.html"):
        return "/" + relative.removesuffix("index.html")
    return "/" + relative


@dataclass(frozen=True)
class PublishedSite:
    output: Path
    url: str


def publish_and_serve(output: Path, path: str = ""):
    """Build the site for production (`make publish`); serve it at its address.

    Production pages carry their absolute address (canonical links, Open Graph,
    the sitemap), so the port is chosen first and the site built for it, at
    ``path`` on that host ("" for the host's root, or a sub-path such as "/blog").
    """
    port = free_port()
    result = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "publish",
            f"OUTPUTDIR={output}",
            f"SITEURL=http://127.0.0.1:{port}{path}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (
        f"`make publish` failed:\n{result.stdout}{result.stderr}"
    )
    with SiteServer(output, port=port, prefix=path) as running:
        yield PublishedSite(output=output, url=running.url)


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory):
    """Serve the production build at the root of its host."""
    yield from publish_and_serve(tmp_path_factory.mktemp("published"))


@pytest.fixture(scope="session")
def published_under_subpath(tmp_path_factory: pytest.TempPathFactory):
    """Serve the production build under a path of its host, and nothing else."""
    yield from publish_and_serve(tmp_path_factory.mktemp("subpath"), SUBPATH)


@pytest.fixture(scope="session")
def site_pages(site) -> list[SitePage]:
    pages = [
        SitePage(file=file, path=url_path(site.output, file))
        for file in sorted(site.output.rglob("*.html"))
    ]
    assert pages, f"the build in {site.output} has no HTML pages"
    return pages


def format_axe_violation(violation: dict) -> str:
    targets = "; ".join(
        " ".join(str(part) for part in node["target"]) for node in violation["nodes"]
    )
    return (
        f"{violation['id']} ({violation['impact']}): {violation['help']} -> {targets}"
    )


def wait_until(page: Page, expression: str, timeout: float = 10.0) -> bool:
    """Poll ``expression`` in the page until it is true; return whether it became so.

    Not `page.wait_for_function`: it evaluates strings in a way the site's
    policy (no 'unsafe-eval') refuses, and the refusal would count as the page's
    own error.
    """
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def wait_for_transitions(page: Page) -> None:
    """Let colour transitions started by a colour-scheme switch finish."""
    # An endless animation never ends; axe then measures what is on screen.
    wait_until(
        page,
        "document.getAnimations().every((a) => a.playState !== 'running')",
        timeout=2.0,
    )


def exercise(page: Page) -> None:
    """Use what the page offers: a checklist's box, note and calendar; a search."""
    checkbox = page.locator("main input[type=checkbox]:visible").first
    if checkbox.count():
        page.evaluate("localStorage.clear()")
        checkbox.click()
        if not wait_until(page, "localStorage.length > 0", timeout=2.0):
            raise PlaywrightError("ticking a checklist item saved nothing")
        checkbox.click()
    notes = page.locator("main .checklist textarea:visible").first
    if notes.count():
        notes.fill("A note")
        if not wait_until(page, "localStorage.length > 0", timeout=2.0):
            raise PlaywrightError("typing a note saved nothing")
    # A checklist with time limits: its dates, and the calendar file's code.
    calendar = page.get_by_role("button", name="Add to calendar").first
    if calendar.count():
        with page.expect_download():
            calendar.click()
    search = page.locator("main input[type=search]:visible").first
    if search.count():
        search.fill(SEARCH_WORDS)
        search.press("Enter")
        # Done when the search says what it found (its live status line), so
        # that nothing it loads is cut off by the visit to the next page.
        status = "document.querySelector('main [role=status]')?.textContent.trim()"
        if not wait_until(page, status):
            raise PlaywrightError(f"searching for {SEARCH_WORDS!r} said nothing")
        if not re.match(r"\d+ results? for", said := page.evaluate(status)):
            raise PlaywrightError(f"searching for {SEARCH_WORDS!r} said: {said}")


def audit_page(page: Page, axe: Axe, audit: PageAudit) -> None:
    page.emulate_media(color_scheme="light")
    response = page.goto(audit.path, wait_until="load")
    if response is not None:
        audit.status = response.status
        audit.csp_header = response.headers.get("content-security-policy")
    for scheme in COLOR_SCHEMES:
        page.emulate_media(color_scheme=scheme)
        wait_for_transitions(page)
        result = axe.run(page, options=AXE_OPTIONS)
        audit.axe_violations[scheme] = [
            format_axe_violation(v) for v in result.response["violations"]
        ]
    page.emulate_media(color_scheme="light")
    # Read before and after using the page: a search may load a new document,
    # which starts a new record.
    audit.csp_violations = page.evaluate("window.__cspViolations")
    exercise(page)
    audit.csp_violations += [
        violation
        for violation in page.evaluate("window.__cspViolations")
        if violation not in audit.csp_violations
    ]


@pytest.fixture(scope="session")
def browser_audit(
    browser: Browser, base_url: str, site_pages: list[SitePage]
) -> dict[str, PageAudit]:
    """Visit every page once in one browser context; return its audit by path."""
    context = browser.new_context(base_url=base_url)
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    page = context.new_page()
    # A control that cannot be used fails the page in seconds, not in 30.
    page.set_default_timeout(10_000)
    axe = Axe()
    audits: dict[str, PageAudit] = {}
    current: list[PageAudit] = []

    def record_console(message) -> None:
        if message.type == "error":
            location = message.location.get("url", "")
            current[0].console_errors.append(f"{message.text} ({location})")

    page.on("console", record_console)
    page.on("pageerror", lambda error: current[0].page_errors.append(str(error)))
    page.on("request", lambda request: current[0].requests.append(request.url))
    page.on(
        "requestfailed",
        lambda request: current[0].failed_requests.append(
            f"{request.url}: {request.failure}"
        ),
    )
    started = time.monotonic()
    for site_page in site_pages:
        audit = PageAudit(path=site_page.path)
        current[:] = [audit]
        try:
            audit_page(page, axe, audit)
        except PlaywrightError as error:
            audit.crash = str(error).splitlines()[0]
        audits[site_page.path] = audit
    context.close()
    print(f"\nbrowser audit: {len(audits)} pages in {time.monotonic() - started:.1f} s")
    return audits


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def failure_list(title: str, lines: list[str]) -> str:
    """Return a readable failure message: a title and one line per problem."""
    return f"{title} ({len(lines)}):\n" + "\n".join(f"  {line}" for line in lines)
