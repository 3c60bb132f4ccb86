"""Polite, safe HTTP fetching: http(s) only, public addresses only, a timeout, a size cap, conditional GET."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

USER_AGENT = "briefings-bot/1.0 (news indexer; +https://github.com/briefings/briefings)"
CHUNK = 64 * 1024


class FetchError(Exception):
    """A URL we will not or could not fetch; the message says why."""


@dataclass
class Fetched:
    """One fetch: the content (None when not modified) and the validators for the next conditional GET."""

    url: str
    status: Literal["ok", "not_modified"]
    content: bytes | None = None
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None


def check_url(url: str, *, allow_private: bool = False) -> None:
    """Refuse what we must not fetch: other schemes, and private, loopback or link-local hosts unless allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'a bare address'!r}")
    if not parts.hostname:
        raise FetchError("the URL has no host name")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80), type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"cannot resolve host {parts.hostname}: {error}") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise FetchError(
                f"{parts.hostname} is a private, loopback or reserved address ({address}); set BRIEFINGS_ALLOW_PRIVATE_URLS=true to allow it"
            )


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Every redirect target passes the same checks as the first URL."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_url(newurl, allow_private=self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Fetcher:
    """Fetches pages and feeds for the indexer, one request at a time, with a clear user agent."""

    def __init__(self, *, max_bytes: int = 2_000_000, timeout: float = 15.0, allow_private: bool = False) -> None:
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.allow_private = allow_private
        self._opener = urllib.request.build_opener(_SafeRedirects(allow_private))

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET a URL (conditionally when validators are given), or raise FetchError saying why not."""
        check_url(url, allow_private=self.allow_private)
        headers = {
            "User-Agent": USER_AGENT,
            "Accept": "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        request = urllib.request.Request(url, headers=headers)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                content = self._read_capped(response, url)
                return Fetched(
                    url=url,
                    status="ok",
                    content=content,
                    content_type=response.headers.get("Content-Type", ""),
                    etag=response.headers.get("ETag"),
                    last_modified=response.headers.get("Last-Modified"),
                    final_url=response.geturl(),
                )
        except urllib.error.HTTPError as error:
            if error.code == 304:
                return Fetched(url=url, status="not_modified", etag=etag, last_modified=last_modified)
            raise FetchError(f"HTTP {error.code} {error.reason}") from None
        except urllib.error.URLError as error:
            raise FetchError(f"cannot connect: {error.reason}") from None
        except TimeoutError:
            raise FetchError(f"no answer within {self.timeout:g} s") from None
        except (OSError, ValueError) as error:
            raise FetchError(f"fetch failed: {error}") from None

    def _read_capped(self, response, url: str) -> bytes:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"too large ({int(declared):,} bytes; the limit is {self.max_bytes:,}, BRIEFINGS_MAX_FILE_BYTES)")
        chunks, size = [], 0
        while chunk := response.read(CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise FetchError(f"too large (more than {self.max_bytes:,} bytes, BRIEFINGS_MAX_FILE_BYTES)")
            chunks.append(chunk)
        return b"".join(chunks)
