"""How the site is served by a host: its ``_headers`` rules, its 404 page.

One handler serves both the tests (tests/server.py) and `make serve`'s preview
(``server.py`` here), so an author previews the site under exactly the
Content-Security-Policy and other headers that production ships.
"""

from __future__ import annotations

import fnmatch
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler
from pathlib import Path


class SiteHandler(SimpleHTTPRequestHandler):
    header_rules: list[tuple[str, list[tuple[str, str]]]] = []
    # The copies `make publish` writes beside each text file, best first: sent as
    # they are, as nginx's brotli_static and gzip_static do (docs/deploy.md).
    precompressed = (("br", ".br"), ("gzip", ".gz"))

    def send_head(self):
        """Send ``file.br`` or ``file.gz`` for ``file`` when the client accepts it."""
        url_path = self.path.split("?", 1)[0]
        path = Path(self.translate_path(self.path))
        if url_path.endswith("/"):
            path = path / "index.html"
        accepted = {
            token.split(";")[0].strip()
            for token in self.headers.get("Accept-Encoding", "").split(",")
        }
        for encoding, suffix in self.precompressed:
            copy = path.with_name(path.name + suffix)
            if encoding in accepted and path.is_file() and copy.is_file():
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(copy.stat().st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return copy.open("rb")
        return super().send_head()

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        for pattern, headers in self.header_rules:
            if fnmatch.fnmatchcase(path, pattern):
                for name, value in headers:
                    self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain=None) -> None:
        not_found_page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not not_found_page.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found_page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        """Keep test output quiet; failures speak for themselves."""
