"""The clerks' web app: paste or upload a notice, review what was found, correct it, download
the letters; search the archive of a batch store.

    from notices.web import create_app
    app = create_app(db="notices.db")     # or: notices serve --db notices.db

Modules: :mod:`~notices.web.app` (the factory, middleware, error pages), :mod:`~notices.web.routes`
(the pages), :mod:`~notices.web.form` (record ↔ form), :mod:`~notices.web.highlight` (spans →
highlighted segments), :mod:`~notices.web.intake` (reading and extracting what was posted),
:mod:`~notices.web.download` (the letters as a .docx or zip), :mod:`~notices.web.archive` (the
store), :mod:`~notices.web.safety` (limits, headers, loopback), :mod:`~notices.web.pages` (templates).
"""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
