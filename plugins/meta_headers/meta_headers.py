"""The response headers a page can carry itself, for hosts that ignore `_headers`.

`content/extra/_headers` is the one source of the site's response headers (the
format Netlify and Cloudflare Pages read). A host that sends no headers of its
own, such as GitHub Pages, ignores it; with this plugin loaded (`make publish
CSP_META=1`, see publish.conf.py) every page carries what a <meta> element can
still say: the Content-Security-Policy of the rule for every path, less the
directives a browser ignores there, and the Referrer-Policy. The rest of the
headers have no <meta> form (docs/deploy.md says what is lost).
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

log = logging.getLogger(__name__)

HeaderRules = list[tuple[str, list[tuple[str, str]]]]

# Directives that browsers ignore in a <meta> policy (CSP Level 3, 'Delivery via
# meta'); Chromium says so on the console for each page.
NOT_IN_META = {"frame-ancestors", "report-uri", "report-to", "sandbox"}


def parse_headers_file(text: str) -> HeaderRules:
    """Return ``[(pattern, [(name, value), ...]), ...]`` from a ``_headers`` file."""
    rules: HeaderRules = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def header_rules_in(folder: Path) -> HeaderRules:
    """Return the rules of ``folder``'s ``_headers`` file; none where it has none."""
    source = folder / "_headers"
    return parse_headers_file(source.read_text()) if source.is_file() else []


def meta_policy(csp: str) -> str:
    """Return ``csp`` without the directives a <meta> policy cannot hold."""
    directives = [part.strip() for part in csp.split(";") if part.strip()]
    return "; ".join(d for d in directives if d.split()[0] not in NOT_IN_META)


def headers_file(settings: dict) -> Path | None:
    """Return the source of the ``_headers`` the build writes, if it writes one."""
    for source, metadata in settings.get("EXTRA_PATH_METADATA", {}).items():
        if metadata.get("path") == "_headers":
            return Path(settings["PATH"]) / source
    return None


def put_headers_in_pages(pelican) -> None:
    """Set META_HEADERS_CSP and META_HEADERS_REFERRER for base.html's <head>."""
    source = headers_file(pelican.settings)
    if source is None or not source.is_file():
        log.error(
            "meta_headers: no _headers file to take the headers from (%s); "
            "map one in EXTRA_PATH_METADATA as {'path': '_headers'}",
            source or "none in EXTRA_PATH_METADATA",
        )
        return
    every_path = dict(dict(parse_headers_file(source.read_text())).get("/*", []))
    if "Content-Security-Policy" not in every_path:
        log.error(
            "meta_headers: %s has no Content-Security-Policy for every path "
            "(a rule `/*`); the pages carry none",
            source,
        )
        return
    pelican.settings["META_HEADERS_CSP"] = meta_policy(
        every_path["Content-Security-Policy"]
    )
    pelican.settings["META_HEADERS_REFERRER"] = every_path.get("Referrer-Policy", "")


def register() -> None:
    signals.initialized.connect(put_headers_in_pages)
