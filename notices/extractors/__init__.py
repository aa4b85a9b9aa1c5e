"""Extraction: notice text in, :class:`~notices.record.Record` out.

Each field has its own module and spaCy component (``notices_places``, ``notices_officials``,
``notices_figures``, ``notices_dates``, ``notices_companies``, ``notices_sanctions``,
``notices_kind``); :mod:`notices.pipeline` assembles them per language.
"""
from __future__ import annotations

import hashlib

from ..spacy_import import import_spacy

import_spacy()  # before the components import spaCy: without its command-line package

from ..errors import TooLong  # noqa: E402
from ..readers import Document  # noqa: E402
from ..record import Record  # noqa: E402
from ..text import detect_lang, replace_surrogates  # noqa: E402

# spaCy refuses texts over nlp.max_length (1,000,000 by default: its parser and NER need about
# 1 GB per 100,000 characters, which our blank pipelines do not have). Measured with
# notices.extract on 1,200,000 characters of the Chinese corpus: 240 MB above the loaded
# pipeline. Up to MAX_CHARS the limit is raised for the text at hand; longer ones are refused.
MAX_CHARS = 2_000_000


def extract(text: str, *, lang: str | None = None, date: str | None = None,
            source: str | None = None, sha256: str | None = None,
            title: str | None = None) -> Record:
    """Extract one notice.

    ``lang`` is ``zh`` or ``en`` (detected when None). ``date`` (ISO) is the date the source's
    metadata gives: used when the text itself fixes no date, and to give a year to year-less
    dates ("5月3日"). What could not be parsed goes to ``warnings``; lone surrogates are replaced
    (with a warning). Raises :class:`~notices.errors.TooLong` for a text over :data:`MAX_CHARS`
    characters, and nothing else on any ``str``.
    """
    from ..pipeline import DEFAULT_SEGMENTER, load, run

    if len(text) > MAX_CHARS:
        raise TooLong(f"the notice is {len(text):,} characters long, over the limit of {MAX_CHARS:,}: "
                      "split it into parts", path=source)
    text, notes = replace_surrogates(text)
    lang = lang if lang in ("zh", "en") else detect_lang(text)
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    nlp = load(lang, DEFAULT_SEGMENTER)
    nlp.max_length = max(nlp.max_length, len(text) + 1)
    record = run(text, lang=lang, date=date, source=source, sha256=sha256, title=title)
    record.warnings[:0] = notes
    return record


def extract_document(doc: Document, *, lang: str | None = None, date: str | None = None) -> Record:
    """Extract a :class:`~notices.readers.Document` read from a file (keeps its hash and
    metadata; the reader's warnings come first in the record's)."""
    record = extract(doc.text, lang=lang, date=date or doc.date, source=doc.source,
                     sha256=doc.sha256, title=doc.title)
    record.warnings = [*doc.warnings, *(w for w in record.warnings if w not in doc.warnings)]
    return record
