"""The page templates (Jinja, autoescaped: every piece of notice text is escaped) and the
error a route raises to put a message on the page instead of a result."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"


class PageError(Exception):
    """Something the clerk can fix (a bad upload, a wrong field): shown on the page with its
    HTTP status, never as a traceback."""

    def __init__(self, messages: str | Iterable[str], status: int = 400) -> None:
        self.messages = [messages] if isinstance(messages, str) else list(messages)
        self.status = status
        super().__init__("; ".join(self.messages))


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


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page ``name`` with ``context``; ``errors`` and ``notes`` are lists of messages."""
    context.setdefault("errors", [])
    context.setdefault("notes", [])
    context.setdefault("nav", "")
    return _templates().TemplateResponse(request, name, context, status_code=status)
