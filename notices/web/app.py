"""The app factory: routes, static files, safety middleware and error pages.

Errors never show a traceback: a clerk's mistake is a message on the page (see
:class:`~notices.web.pages.PageError`), an unknown page or method is a page saying so, and a
bug is logged to the ``notices.web`` logger and shown as a short apology.
"""
from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Scope

from .pages import STATIC_DIR, PageError, render
from .safety import DEFAULT_MAX_UPLOAD, LOCAL_HOSTS, BodyLimit, SecurityHeaders, size_text

log = logging.getLogger("notices.web")

_STATUS_TEXT = {404: "No such page", 405: "Not a page to open"}


def create_app(db: str | Path | None = None, *, max_upload: int = DEFAULT_MAX_UPLOAD,
               allowed_hosts: Sequence[str] | None = LOCAL_HOSTS) -> FastAPI:
    """The clerks' app. ``db`` is a batch store (``notices batch`` output) for the archive
    page; without it the archive says how to give one. Request bodies (uploads and forms) over
    ``max_upload`` bytes are refused with a page saying so. Only requests naming one of
    ``allowed_hosts`` are answered (None: any host). Raises a
    :class:`~notices.errors.NoticesError` when ``db`` is not a readable store."""
    from .archive import Archive
    from .routes import home, router

    app = FastAPI(title="notices", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.archive = Archive(db) if db is not None else None
    app.state.max_upload = max_upload
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    def too_large(scope: Scope, size: int | None) -> ASGIApp:
        request = Request(scope)
        what = f"is {size_text(size)}" if size is not None else "is larger"
        return home(request, status=413, errors=[
            f"The upload {what}, over the limit of {size_text(max_upload)}. Choose a smaller file, "
            "or paste the notice's text."])

    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> HTMLResponse:
        return render(request, "message.html", exc.status, title="Cannot do that", errors=exc.messages)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> HTMLResponse:
        text = str(exc.detail)
        if exc.status_code == 404:
            text = f"No such page: {request.url.path}"
        elif exc.status_code == 405:
            text = "This address takes a form from the review page; start again from there."
        return render(request, "message.html", exc.status_code, title=_STATUS_TEXT.get(exc.status_code, "Error"),
                      errors=[text])

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> HTMLResponse:
        return render(request, "message.html", 400, title="Bad request",
                      errors=["The request could not be understood. Start again from the review page."])

    @app.exception_handler(Exception)
    async def failure(request: Request, exc: Exception) -> HTMLResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return render(request, "message.html", 500, title="Something went wrong",
                      errors=["Something went wrong on the server; the error was logged. "
                              "Nothing was kept: go back and try again."])

    # Outermost last: the host check, then the headers, then the body limit.
    app.add_middleware(BodyLimit, limit=max_upload, reject=too_large)
    app.add_middleware(SecurityHeaders)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app
