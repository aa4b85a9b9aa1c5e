"""The page templates (Jinja, autoescaped: every piece of notice text is escaped) and the
error a route raises to put a message on the page instead of a result."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import urlencode
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from .i18n import COOKIE, LANGS, Msg, choose, day, translator

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"


class PageError(Exception):
    """Something the clerk can fix (a bad upload, a wrong field): shown on the page, in the
    clerk's language, with its HTTP status, never as a traceback."""

    def __init__(self, messages: Msg | str | Iterable[Msg | str], status: int = 400) -> None:
        self.messages = [messages] if isinstance(messages, (str, Msg)) else list(messages)
        self.status = status
        super().__init__("; ".join(str(m) for m in self.messages))

    def __reduce__(self) -> tuple[Any, ...]:  # raised in the extraction worker, shown here
        return (PageError, (self.messages, self.status))


@cache
def _templates() -> Any:
    import jinja2
    from fastapi.templating import Jinja2Templates

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,  # every template, whatever its name: notice text is never markup
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def ui_lang(request: Request) -> str:
    """The language the clerk reads the pages in (see :func:`~notices.web.i18n.choose`)."""
    return choose(request.query_params.get("lang"), request.cookies.get(COOKIE),
                  request.headers.get("accept-language"))


def _page_context(request: Request) -> dict[str, Any]:
    lang = ui_lang(request)
    return {"lang": lang, "t": translator(lang), "day": lambda value: day(value, lang), "request": request}


def fragment(request: Request, name: str, **context: Any) -> str:
    """A piece of a page (a form row, the highlighted text) in the clerk's language."""
    return _templates().env.get_template(name).render({**_page_context(request), **context})


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page ``name`` with ``context`` in the clerk's language; ``errors`` and ``notes``
    are lists of messages (:class:`~notices.web.i18n.Msg` or text). A language asked for by
    the switch (``?lang=en``) is kept in a cookie."""
    lang = ui_lang(request)
    context.setdefault("errors", [])
    context.setdefault("notes", [])
    context.setdefault("nav", "")
    other = "en" if lang == "zh" else "zh"
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"] + [("lang", other)]
    context.update(_page_context(request))
    context.update(other_lang=other, switch_href=f"{request.url.path}?{urlencode(params)}")
    response = _templates().TemplateResponse(request, name, context, status_code=status)
    if request.query_params.get("lang") in LANGS:
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="strict")
    return response
