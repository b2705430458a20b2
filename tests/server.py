"""A static file server for the built site, as a host would serve it.

It applies the response headers of the site's own ``_headers`` file (the format
Netlify and Cloudflare Pages read), so the tests run under exactly the
Content-Security-Policy that production ships; it answers a missing path with
``404.html`` and status 404; and where `make publish` wrote compressed copies of a
file, it sends the one the browser accepts, as production servers do.

A site published under a sub-path (``SITEURL=https://example.org/blog``) is
served under that path alone (``SubPathHandler``).
"""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from plugins.live_preview.site_handler import SiteHandler
from plugins.meta_headers import header_rules_in, parse_headers_file

__all__ = ["SiteHandler", "SiteServer", "parse_headers_file"]


class SubPathHandler(SiteHandler):
    """Serve the site under ``prefix`` (such as ``"/blog"``), and nothing else.

    Anything outside the prefix is a bare 404, as on a host where another site
    owns the rest, so an address that escapes the prefix fails. Inside it, a
    request is handled as the site's own path (its file, its ``_headers`` rules,
    its 404 page), as a host does that publishes the folder as a site of its own
    behind a proxy at the prefix.
    """

    prefix = ""

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        self.outside = not (
            self.path == self.prefix
            or self.path.startswith((self.prefix + "/", self.prefix + "?"))
        )
        if not self.outside:
            self.path = self.path.removeprefix(self.prefix)
        return True

    def send_head(self):
        if self.outside:
            # A bare 404 (past SiteHandler's): no page of the site's is here.
            super(SiteHandler, self).send_error(404)
            return None
        return super().send_head()

    def send_header(self, keyword: str, value: str) -> None:
        # A folder's address without its slash is redirected to it: under the prefix.
        if keyword == "Location" and value.startswith("/"):
            value = self.prefix + value
        super().send_header(keyword, value)


class SiteServer:
    """Serve ``root`` on 127.0.0.1, in a background thread.

    On a free port, or on ``port``: a production build has its address
    (``SITEURL``) written into it, so it must be served at exactly that address,
    under its path (``prefix``, such as ``"/blog"``) too. ``url`` is the address of
    the site's home page, without its trailing slash. With ``send_headers=False``,
    as a host that ignores ``_headers`` (GitHub Pages): no header of the site's own.
    """

    def __init__(
        self, root: Path, port: int = 0, prefix: str = "", send_headers: bool = True
    ) -> None:
        rules = header_rules_in(root) if send_headers else []
        handler = type(
            "Handler", (SubPathHandler,), {"header_rules": rules, "prefix": prefix}
        )
        self._httpd = ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(root))
        )
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}{prefix}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
