"""What a host gets from `make publish`: fingerprinted assets, headers, compression.

- Pages load their CSS and JavaScript from `/assets/`, under names that carry a
  hash of the file's content (plugins/fingerprint), and `_headers` lets browsers
  cache that folder for a year.
- Every HTML, CSS, JavaScript, XML and JSON file has a `.gz` and a `.br` copy
  beside it that decompresses to exactly the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import re

import brotli
from bs4 import BeautifulSoup

from tests.builds import ROOT
from tests.quality.conftest import failure_list
from tests.server import parse_headers_file

COMPRESSED_SUFFIXES = {".html", ".css", ".js", ".xml", ".json"}
FINGERPRINTED = re.compile(r"^(?P<stem>.+)\.(?P<hash>[0-9a-f]{10})(?P<suffix>\.\w+)$")
IMMUTABLE = "public, max-age=31536000, immutable"


def test_pages_load_css_and_js_only_from_fingerprinted_assets(site, site_pages):
    problems = []
    for site_page in site_pages:
        soup = BeautifulSoup(site_page.file.read_text(encoding="utf-8"), "html.parser")
        urls = [link["href"] for link in soup.select("link[rel~=stylesheet][href]")]
        urls += [script["src"] for script in soup.select("script[src]")]
        problems += [
            f"{site_page.path}: {url}"
            for url in urls
            if not url.startswith("/assets/")
            and not url.startswith("/pagefind/")  # Pagefind's own, loaded on search
        ]
    assert not problems, failure_list("CSS or JS not under /assets/", problems)


def test_fingerprinted_names_carry_the_hash_of_their_content(site):
    assets = sorted(p for p in (site.output / "assets").rglob("*") if p.is_file())
    assert assets, "the build has no /assets/ folder"
    problems = []
    for asset in assets:
        name = FINGERPRINTED.match(asset.name)
        if name is None:
            problems.append(f"{asset.name}: no hash in the name")
        elif hashlib.sha256(asset.read_bytes()).hexdigest()[:10] != name["hash"]:
            problems.append(f"{asset.name}: the hash is not of its content")
    assert not problems, failure_list("badly fingerprinted assets", problems)


def test_headers_let_browsers_keep_fingerprinted_assets(published):
    rules = dict(parse_headers_file((published.output / "_headers").read_text()))
    assert ("Cache-Control", IMMUTABLE) in rules.get("/assets/*", []), rules
    # Only fingerprinted files may be immutable: the other rules stay off it.
    for pattern, headers in rules.items():
        if any(value == IMMUTABLE for _, value in headers):
            assert pattern.endswith("/*") and pattern != "/*", pattern


def test_every_text_file_has_gzip_and_brotli_copies(published):
    root = published.output
    decompress = {".gz": gzip.decompress, ".br": brotli.decompress}
    originals = sorted(
        path
        for path in root.rglob("*")
        if path.is_file() and path.suffix in COMPRESSED_SUFFIXES
    )
    assert originals, "the published site has no text files"
    problems = []
    for original in originals:
        data = original.read_bytes()
        name = original.relative_to(root).as_posix()
        for suffix, unpack in decompress.items():
            copy = original.with_name(original.name + suffix)
            if not copy.is_file():
                # The plugin rightly skips a file that compression would not shrink.
                if len(gzip.compress(data, 9)) < len(data):
                    problems.append(f"{name}: no {suffix} copy")
            elif unpack(copy.read_bytes()) != data:
                problems.append(f"{name}{suffix}: not the same content")
    assert not problems, failure_list("precompressed copies missing or wrong", problems)


def test_nginx_example_sends_the_headers_of_the_headers_file(site):
    """docs/deploy.md's nginx configuration says what `_headers` says."""
    guide = (ROOT / "docs" / "deploy.md").read_text()
    blocks = re.findall(r"```nginx\n(.*?)```", guide, re.DOTALL)
    assert blocks, "docs/deploy.md has no nginx example"
    snippet, server = blocks[0], "\n".join(blocks[1:])
    site_wide = set(re.findall(r'add_header (\S+) "(.*)" always;', snippet))
    rules = dict(parse_headers_file((site.output / "_headers").read_text()))
    assert site_wide == set(rules["/*"]), (site_wide, rules["/*"])

    locations = re.findall(r"location ~ (\S+) \{(.*?)\n    \}", server, re.DOTALL)
    immutable = [
        re.compile(pattern)
        for pattern, body in locations
        if f'add_header Cache-Control "{IMMUTABLE}" always;' in body
        and "include snippets/nextsteps-headers.conf;" in body
    ]
    problems = [
        pattern
        for pattern, headers in rules.items()
        if ("Cache-Control", IMMUTABLE) in headers
        and not any(regex.match(pattern.replace("*", "x")) for regex in immutable)
    ]
    assert immutable, "the nginx example caches no fingerprinted files"
    assert not problems, failure_list(
        "_headers rules the nginx example lacks", problems
    )
