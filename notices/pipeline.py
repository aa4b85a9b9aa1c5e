"""Builds and caches the spaCy pipeline of each language (temporary minimal version)."""
from __future__ import annotations

from .record import Record


def run(text: str, *, lang: str, date: str | None, source: str | None, sha256: str | None,
        title: str | None) -> Record:
    return Record(source=source, sha256=sha256, lang=lang, title=title, date=date)
