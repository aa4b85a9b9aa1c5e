"""What keeps the app safe to run on a clerk's machine: a bound on request bodies, headers that
forbid scripts and framing from anywhere else, forms taken only from the app's own pages, and
which host names count as this machine."""
from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_UPLOAD = 10 * 1024 * 1024
# Host headers the app answers by default: a page elsewhere that rebinds its name to
# 127.0.0.1 (DNS rebinding) is refused.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

HEADERS = {
    b"content-security-policy": (b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"),
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    # Same-origin requests name their origin (the cross-origin check needs it); others learn nothing.
    b"referrer-policy": b"same-origin",
}

# Makes the response to a body over the limit, from the request and its declared size.
Reject = Callable[[Scope, int | None], ASGIApp]


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or a name) is only reachable from this machine."""
    host = host.strip().strip("[]")
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False
    return bool(infos) and all(ipaddress.ip_address(info[4][0].split("%")[0]).is_loopback for info in infos)


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


class BodyLimit:
    """Refuses a request body over ``limit`` bytes before the app parses any of it: at once when
    its ``Content-Length`` says so, else as soon as the bytes read pass the limit. ``reject``
    makes the response (a page saying so)."""

    def __init__(self, app: ASGIApp, limit: int, reject: Reject) -> None:
        self.app, self.limit, self.reject = app, limit, reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = None
        for key, value in scope["headers"]:
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = None
        if declared is not None and declared > self.limit:
            await self.reject(scope, declared)(scope, receive, send)
            return
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self.reject(scope, None)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


class SecurityHeaders:
    """Adds :data:`HEADERS` to every response, and ``Cache-Control: no-store`` to pages (they
    hold notice text)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        static = scope.get("path", "").startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in HEADERS]
                headers += list(HEADERS.items())
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def host_name(host: str) -> str:
    """The name in a ``Host`` header, without its port: ``[::1]:8000`` → ``::1``."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host[1:]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def cross_origin(host: str, origin: str | None, referer: str | None, fetch_site: str | None) -> str | None:
    """The other site a form comes from (its origin, or ``null``), or None when it comes from
    the app's own page at ``host``, or from no page at all (a script, curl). A browser names
    the page's origin on every POST (``Origin``, ``Sec-Fetch-Site``), which no page can forge."""
    if fetch_site in ("cross-site", "same-site"):
        return origin or fetch_site
    for given in (origin, referer):
        if given is None:
            continue
        if given == "null":
            return "null"
        netloc = urlsplit(given).netloc.lower()
        return None if netloc and netloc == host.strip().lower() else given[:100]
    return None


class SameOrigin:
    """Refuses a form (any request but GET, HEAD and OPTIONS) posted from a page of another
    site: a page elsewhere cannot make the clerk's browser post to the app. ``reject`` makes
    the response from the request and the origin refused."""

    def __init__(self, app: ASGIApp, reject: Callable[[Scope, str], ASGIApp]) -> None:
        self.app, self.reject = app, reject

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] not in SAFE_METHODS:
            headers = {k: v.decode("latin-1") for k, v in scope["headers"]}
            other = cross_origin(headers.get(b"host", ""), headers.get(b"origin"), headers.get(b"referer"),
                                 headers.get(b"sec-fetch-site"))
            if other is not None:
                await self.reject(scope, other)(scope, receive, send)
                return
        await self.app(scope, receive, send)


class LocalHosts:
    """Answers only requests whose ``Host`` names one of ``allowed`` (a page elsewhere that
    rebinds its name to 127.0.0.1 is refused); IPv6 hosts are written ``[::1]:8000``."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = {host_name(h) for h in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            if host_name(host) not in self.allowed:
                from starlette.responses import PlainTextResponse

                await PlainTextResponse("Invalid host header", status_code=400)(scope, receive, send)
                return
        await self.app(scope, receive, send)
