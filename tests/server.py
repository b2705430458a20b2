"""A static file server for the built site, as a host would serve it.

It applies the response headers of the site's own ``_headers`` file (the format
Netlify and Cloudflare Pages read), so the tests run under exactly the
Content-Security-Policy that production ships; it answers a missing path with
``404.html`` and status 404; and where `make publish` wrote compressed copies of a
file, it sends the one the browser accepts, as production servers do.
"""

from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from plugins.live_preview.site_handler import SiteHandler, parse_headers_file

__all__ = ["SiteHandler", "SiteServer", "parse_headers_file"]


class SiteServer:
    """Serve ``root`` on 127.0.0.1, in a background thread.

    On a free port, or on ``port``: a production build has its address
    (``SITEURL``) written into it, so it must be served at exactly that address.
    """

    def __init__(self, root: Path, port: int = 0) -> None:
        headers_file = root / "_headers"
        rules = (
            parse_headers_file(headers_file.read_text())
            if headers_file.is_file()
            else []
        )
        handler = type("Handler", (SiteHandler,), {"header_rules": rules})
        self._httpd = ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(root))
        )
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
