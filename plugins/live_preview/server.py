"""Serve the preview, and tell open pages what each rebuild changed.

Pages are served as a host serves them (``site_handler``: the ``_headers`` rules,
the 404 page), plus one script tag added to every HTML page as it is sent, never
written to the output: ``live-preview.js`` listens to ``/_live-preview/events``
(server-sent events) and reloads the page when its file changed, or shows the
content errors of the last build over it. Both the script and its stylesheet are
same-origin files, so the site's strict Content-Security-Policy holds.
"""

from __future__ import annotations

import functools
import io
import json
import queue
import threading
from dataclasses import asdict
from http import HTTPStatus
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from meta_headers import header_rules_in

from .preview import Update
from .site_handler import SiteHandler

PREFIX = "/_live-preview/"
EVENTS = PREFIX + "events"
STATIC = Path(__file__).parent / "static"
OWN_FILES = {
    "live-preview.js": "text/javascript; charset=utf-8",
    "live-preview.css": "text/css; charset=utf-8",
}
SCRIPT_TAG = f'<script src="{PREFIX}live-preview.js" defer></script>'.encode()
KEEP_ALIVE_SECONDS = 15


class Hub:
    """The open pages' event streams, and the problems a new page is told first."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._streams: set[queue.Queue] = set()
        self._problems: list[dict] = []

    def subscribe(self) -> queue.Queue:
        stream: queue.Queue = queue.Queue()
        with self._lock:
            self._streams.add(stream)
            stream.put(("problems", {"problems": self._problems}))
        return stream

    def unsubscribe(self, stream: queue.Queue) -> None:
        with self._lock:
            self._streams.discard(stream)

    def publish(self, event: str, data: dict) -> None:
        with self._lock:
            if event == "problems":
                self._problems = data["problems"]
            for stream in self._streams:
                stream.put((event, data))

    def tell(self, update: Update, settled: bool) -> None:
        """Tell every open page what ``update`` changed and, settled, what it found."""
        if update.changed:
            self.publish("changed", {"paths": list(update.changed)})
        if settled:
            problems = [asdict(problem) for problem in update.problems]
            self.publish("problems", {"problems": problems})
            self.publish(
                "settled",
                {"seconds": round(update.seconds, 3), "whole_site": update.whole_site},
            )


class PreviewHandler(SiteHandler):
    hub: Hub

    @property
    def header_rules(self) -> list:
        # Read at each request: a rebuild may change the site's _headers file.
        return header_rules_in(Path(self.directory))

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path == EVENTS:
            self.send_events()
        elif path.startswith(PREFIX) and path[len(PREFIX) :] in OWN_FILES:
            self.send_own_file(path[len(PREFIX) :])
        else:
            super().do_GET()

    def end_headers(self) -> None:
        # Every response is as fresh as the last rebuild.
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        """Send an HTML page with the live preview's script tag added to its head."""
        url_path = urlsplit(self.path).path
        file = Path(self.translate_path(self.path))
        if url_path.endswith("/") and file.is_dir():
            file = file / "index.html"
        if file.suffix != ".html" or not file.is_file():
            return super().send_head()
        html = file.read_bytes()
        at = html.find(b"</head>")
        html = html[:at] + SCRIPT_TAG + html[at:] if at >= 0 else html + SCRIPT_TAG
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(html)))
        self.end_headers()
        return io.BytesIO(html)

    def send_own_file(self, name: str) -> None:
        body = (STATIC / name).read_bytes()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", OWN_FILES[name])
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def send_events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        stream = self.hub.subscribe()
        try:
            while True:
                try:
                    event, data = stream.get(timeout=KEEP_ALIVE_SECONDS)
                    message = f"event: {event}\ndata: {json.dumps(data)}\n\n"
                except queue.Empty:
                    message = ": still here\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page was closed or reloaded
        finally:
            self.hub.unsubscribe(stream)


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # an open event stream does not keep the server alive

    def __init__(self, output: Path, hub: Hub, bind: str, port: int) -> None:
        handler = type("Handler", (PreviewHandler,), {"hub": hub})
        super().__init__(
            (bind, port), functools.partial(handler, directory=str(output))
        )
        self.url = f"http://{bind}:{self.server_address[1]}"

    def start(self) -> None:
        threading.Thread(target=self.serve_forever, daemon=True).start()
