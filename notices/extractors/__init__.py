"""Extraction: notice text in, :class:`~notices.record.Record` out.

Each field has its own module and spaCy component (``notices_places``, ``notices_officials``,
``notices_figures``, ``notices_dates``, ``notices_companies``, ``notices_sanctions``,
``notices_kind``); :mod:`notices.pipeline` assembles them per language.
"""
from __future__ import annotations

import hashlib

from ..spacy_import import import_spacy

import_spacy()  # before the components import spaCy: without its command-line package

from ..readers import Document  # noqa: E402
from ..record import Record  # noqa: E402
from ..text import detect_lang  # noqa: E402


def extract(text: str, *, lang: str | None = None, date: str | None = None,
            source: str | None = None, sha256: str | None = None,
            title: str | None = None) -> Record:
    """Extract one notice.

    ``lang`` is ``zh`` or ``en`` (detected when None). ``date`` (ISO) is the date the source's
    metadata gives: used when the text itself fixes no date, and to give a year to year-less
    dates ("5月3日"). Never raises on any ``str``; what could not be parsed goes to ``warnings``.
    """
    from ..pipeline import run

    lang = lang if lang in ("zh", "en") else detect_lang(text)
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return run(text, lang=lang, date=date, source=source, sha256=sha256, title=title)


def extract_document(doc: Document, *, lang: str | None = None, date: str | None = None) -> Record:
    """Extract a :class:`~notices.readers.Document` read from a file (keeps its hash and metadata)."""
    return extract(doc.text, lang=lang, date=date or doc.date, source=doc.source,
                   sha256=doc.sha256, title=doc.title)
