"""The app factory: routes, static files, safety middleware and error pages.

Errors never show a traceback: a clerk's mistake is a message on the page (see
:class:`~notices.web.pages.PageError`), an unknown page or method is a page saying so, and a
bug is logged to the ``notices.web`` logger and shown as a short apology.
"""
from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Scope

from .i18n import Msg, msg
from .pages import STATIC_DIR, PageError, render
from .safety import DEFAULT_MAX_UPLOAD, LOCAL_HOSTS, BodyLimit, LocalHosts, SameOrigin, SecurityHeaders, size_text
from .work import DEFAULT_TIMEOUT, DEFAULT_WORKERS, shared_pool

log = logging.getLogger("notices.web")

_STATUS_TITLE = {404: "title.no_page", 405: "title.not_a_page"}


def create_app(db: str | Path | None = None, *, max_upload: int = DEFAULT_MAX_UPLOAD,
               allowed_hosts: Sequence[str] | None = LOCAL_HOSTS, workers: int = DEFAULT_WORKERS,
               timeout: float = DEFAULT_TIMEOUT) -> FastAPI:
    """The clerks' app. ``db`` is a batch store (``notices batch`` output) for the archive
    page; without it the archive says how to give one. Request bodies (uploads and forms) over
    ``max_upload`` bytes are refused with a page saying so. Only requests naming one of
    ``allowed_hosts`` are answered (None: any host), and forms only from the app's own pages.
    Extraction runs in ``workers`` processes, each notice within ``timeout`` seconds. Raises a
    :class:`~notices.errors.NoticesError` when ``db`` is not a readable store."""
    from .archive import Archive
    from .routes import home, router

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.pool().start()  # the workers warm up while the server starts
        yield  # they stop with the process (the pool is the process's, shared by its apps)

    app = FastAPI(title="notices", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.archive = Archive(db) if db is not None else None
    app.state.max_upload = max_upload
    app.state.timeout = timeout
    app.state.pool = lambda: shared_pool(workers)  # started on the first extraction
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    def too_large(scope: Scope, size: int | None) -> ASGIApp:
        request = Request(scope)
        limit = size_text(max_upload)
        return home(request, status=413, errors=[
            msg("err.too_large_sized", size=size_text(size), limit=limit) if size is not None
            else msg("err.too_large", limit=limit)])

    def refused(scope: Scope, origin: str) -> ASGIApp:
        log.warning("refused a %s to %s from %s", scope["method"], scope.get("path"), origin)
        return render(Request(scope), "message.html", 403, title="title.refused",
                      errors=[msg("err.cross_origin", origin=origin)])

    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> HTMLResponse:
        return render(request, "message.html", exc.status, title="title.cannot", errors=exc.messages)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> HTMLResponse:
        text: Msg | str = str(exc.detail)
        if exc.status_code == 404:
            text = msg("err.no_page", path=request.url.path)
        elif exc.status_code == 405:
            text = msg("err.post_only")
        return render(request, "message.html", exc.status_code,
                      title=_STATUS_TITLE.get(exc.status_code, "title.error"), errors=[text])

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> HTMLResponse:
        return render(request, "message.html", 400, title="title.bad_request", errors=[msg("err.bad_request")])

    @app.exception_handler(Exception)
    async def failure(request: Request, exc: Exception) -> HTMLResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return render(request, "message.html", 500, title="title.failure", errors=[msg("err.failure")])

    # Outermost last: the host check, then the headers, then the origin check, then the body limit.
    app.add_middleware(BodyLimit, limit=max_upload, reject=too_large)
    app.add_middleware(SameOrigin, reject=refused)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(LocalHosts, allowed=list(allowed_hosts))
    return app
