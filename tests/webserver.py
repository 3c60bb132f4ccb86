"""A loopback HTTP server for the tests: serves pages and feeds from a dict, with ETags and 304s, and logs requests."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Site:
    """What the server serves (path -> (body, content type) or an HTTP status), and what it was asked."""

    pages: dict[str, tuple[bytes, str] | int] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    delay: float = 0.0
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of every request for a path."""
        return [headers for p, headers in self.requests if p == path]


def serve(site: Site) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """Start serving `site` on 127.0.0.1 at a free port (site.base is set)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
            if site.delay:
                time.sleep(site.delay)
            page = site.pages.get(self.path, 404)
            if isinstance(page, int):
                self.send_response(page)
                self.end_headers()
                return
            body, kind = page
            etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", "Tue, 05 Mar 2024 09:30:00 GMT")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:  # quiet
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
