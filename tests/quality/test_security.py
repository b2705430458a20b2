"""The site runs under its strict Content-Security-Policy and talks to no one else.

Every page is served with the policy (as `_headers` tells hosts to send it), loads
and is used (a checklist ticked, a search run) with no policy violation, no console
error and no script error, and every request it makes goes to the site's own origin;
every rule of Mozilla's HTTP Observatory that applies to a static site passes.
"""

import re
import urllib.request

from bs4 import BeautifulSoup

from tests.quality.conftest import failure_list, origin
from tests.server import parse_headers_file

STRICT_CSP = (
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# <script> elements that hold data, not code: the policy does not apply to them.
DATA_SCRIPT_TYPES = {"application/ld+json", "application/json"}


def test_headers_file_sends_the_strict_csp_on_every_path(site):
    rules = parse_headers_file((site.output / "_headers").read_text())
    every_path = dict(rules).get("/*", [])
    assert ("Content-Security-Policy", STRICT_CSP) in every_path, (
        f"_headers has no rule `/*` sending the strict policy; its rules: {rules}"
    )


def test_every_page_is_served_with_the_strict_csp(browser_audit):
    problems = [
        f"{path}: status {audit.status}, Content-Security-Policy: {audit.csp_header}"
        for path, audit in browser_audit.items()
        if audit.csp_header != STRICT_CSP or audit.status not in {200, 404}
    ]
    assert not problems, failure_list("pages without the strict policy", problems)


def test_pages_have_no_inline_code(site_pages):
    """Inline code would be refused by the policy; name it where it is written."""
    problems = []
    for site_page in site_pages:
        soup = BeautifulSoup(site_page.file.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            inline = [name for name in element.attrs if name.lower().startswith("on")]
            if "style" in element.attrs:
                inline.append("style")
            if element.name == "style":
                inline.append("<style>")
            if (
                element.name == "script"
                and not element.get("src")
                and element.get("type", "").lower() not in DATA_SCRIPT_TYPES
            ):
                inline.append("<script> without src")
            if str(element.get("href", "")).lower().startswith("javascript:"):
                inline.append("javascript: URL")
            problems += [
                f"{site_page.path}: {what} on <{element.name}> {str(element)[:80]!r}"
                for what in inline
            ]
    assert not problems, failure_list("inline code the policy refuses", problems)


def test_pages_work_with_no_csp_violation_or_console_error(browser_audit):
    problems = []
    for path, audit in browser_audit.items():
        if audit.crash:
            problems.append(f"{path}: the audit stopped: {audit.crash}")
        problems += [f"{path}: CSP violation: {v}" for v in audit.csp_violations]
        problems += [f"{path}: console error: {e}" for e in audit.console_errors]
        problems += [f"{path}: script error: {e}" for e in audit.page_errors]
        problems += [f"{path}: request failed: {r}" for r in audit.failed_requests]
    assert not problems, failure_list("policy violations and errors", problems)


def test_every_request_goes_to_the_site_itself(browser_audit, base_url):
    site_origin = origin(base_url)
    problems = []
    for path, audit in browser_audit.items():
        if not audit.requests:
            problems.append(f"{path}: no request recorded (the page did not load)")
        problems += [
            f"{path}: {url}"
            for url in audit.requests
            if not url.startswith(("data:", "blob:")) and origin(url) != site_origin
        ]
    assert not problems, failure_list("requests to other origins", problems)


# Mozilla HTTP Observatory's rules, as they apply to a static site (docs/deploy.md
# lists each with how the site passes; Redirection is the host's, not testable here).
HSTS_MIN_SECONDS = 15_768_000  # six months: the Observatory's lowest passing age


def csp_problems(csp: str) -> list[str]:
    directives = {
        part.split()[0]: part.split()[1:] for part in csp.split(";") if part.strip()
    }
    problems = [
        f"CSP {directive} {directives.get(directive)}"
        for directive, wanted in (
            ("default-src", ["'self'"]),
            ("object-src", ["'none'"]),
            ("base-uri", ["'self'"]),
            ("form-action", ["'self'"]),
            ("frame-ancestors", ["'none'"]),
        )
        if directives.get(directive) != wanted
    ]
    if re.search(r"'unsafe-(inline|eval)'", csp):
        problems.append("CSP allows unsafe-inline or unsafe-eval")
    return problems


def observatory_problems(headers) -> list[str]:
    problems = csp_problems(headers.get("Content-Security-Policy", ""))
    if headers.get_all("Set-Cookie"):
        problems.append("sets a cookie")
    if headers.get("Access-Control-Allow-Origin"):
        problems.append("Access-Control-Allow-Origin")
    if headers.get("Referrer-Policy") not in {
        "no-referrer",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
    }:
        problems.append(f"Referrer-Policy {headers.get('Referrer-Policy')}")
    hsts = headers.get("Strict-Transport-Security", "")
    age = re.search(r"max-age=(\d+)", hsts)
    if not age or int(age[1]) < HSTS_MIN_SECONDS or "includeSubDomains" not in hsts:
        problems.append(f"Strict-Transport-Security {hsts!r}")
    problems += [
        f"{name} {headers.get(name)!r}"
        for name, value in (
            ("X-Content-Type-Options", "nosniff"),
            ("X-Frame-Options", "DENY"),
            ("Cross-Origin-Resource-Policy", "same-origin"),
            ("Cross-Origin-Opener-Policy", "same-origin"),
        )
        if headers.get(name) != value
    ]
    permissions = headers.get("Permissions-Policy", "")
    problems += [
        f"Permissions-Policy leaves {feature} on"
        for feature in ("camera", "microphone", "geolocation")
        if f"{feature}=()" not in permissions
    ]
    return problems


def test_every_observatory_rule_for_a_static_site_passes(server, page):
    problems = []
    # Chromium says so, as a console warning, when it cannot use a header's value.
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text))
    for path in ["/", "/posts/informational-interviews-after/", "/checklists/"]:
        with urllib.request.urlopen(server.url + path) as response:
            problems += [f"{path}: {p}" for p in observatory_problems(response.headers)]
        page.goto(server.url + path)
    problems += [text for text in said if "header" in text.lower()]
    assert not problems, failure_list("Observatory rules that fail", problems)
