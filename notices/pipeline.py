"""Builds the spaCy pipeline of each language once, and runs a notice through it.

``spacy.blank("zh")`` with our jieba tokenizer, or ``spacy.blank("en")``, followed by the
registered components in order: dates (the notice date, which deadlines resolve from), places,
officials, companies, deadlines, figures, sanctions, kind. Each component reads and fills the
:class:`~notices.extractors.draft.Draft` on ``doc._.notice``.
"""
from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .extractors.draft import Draft
from .record import Authority, Record
from .text import normalize

COMPONENTS = (
    "notices_dates",
    "notices_places",
    "notices_officials",
    "notices_companies",
    "notices_deadlines",
    "notices_figures",
    "notices_sanctions",
    "notices_kind",
)


def _register() -> None:
    # importing the modules registers their factories
    from .extractors import (  # noqa: F401
        companies, dates, figures, kind, officials, places, sanctions,
    )
    from . import segment  # noqa: F401

    if not Doc.has_extension("notice"):
        Doc.set_extension("notice", default=None)


# Measured with benchmarks/bench_extract.py on the corpus: with one token per character the
# full extraction runs at 0.78-0.87 of bare jieba.lcut's speed, with jieba tokens at 0.29-0.49,
# and jieba's dictionary adds 0.4-1.9 s to start-up. The extractors match on characters, so every
# entity boundary is a token boundary either way: "char" is right and fast. "jieba" (with the
# domain user dictionary) gives word tokens to spaCy users who want them.
DEFAULT_SEGMENTER = "char"


@cache
def get_nlp(lang: str, segmenter: str = DEFAULT_SEGMENTER) -> Language:
    """The pipeline for ``zh`` or ``en``, built on first use and cached."""
    _register()
    if lang == "zh":
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
            "@tokenizers": "notices.zh_tokenizer.v1", "segmenter": segmenter}}})
    elif lang == "en":
        nlp = spacy.blank("en")
    else:
        raise ValueError(f"unsupported language {lang!r}: use 'zh' or 'en'")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def make_draft_doc(nlp: Language, text: str, *, lang: str, date: str | None,
                   title: str | None) -> Doc:
    norm = normalize(text)
    doc = nlp.make_doc(norm)
    doc._.notice = Draft(text=text, norm=norm, lang=lang, date_hint=date, title=title)
    return doc


def run(text: str, *, lang: str, date: str | None, source: str | None, sha256: str | None,
        title: str | None, segmenter: str = DEFAULT_SEGMENTER) -> Record:
    nlp = get_nlp(lang, segmenter)
    doc = make_draft_doc(nlp, text, lang=lang, date=date, title=title)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    d: Draft = doc._.notice
    _link_codes(d)
    return Record(
        source=source, sha256=sha256, lang=lang, title=d.title, date=d.date, published=d.published,
        authority=Authority(*d.authority) if d.authority else None, kind=d.kind,
        cities=d.cities, officials=d.officials, figures=d.figures, deadlines=d.deadlines,
        companies=d.companies, sanctions=d.sanctions, warnings=d.warnings,
    )


def _link_codes(d: Draft) -> None:
    """Officials, figures and sanctions refer to their city by code (names are not unique)."""
    by_name = {c.name: c.code for c in d.cities}
    for o in d.officials:
        o.city_code = by_name.get(o.org) if o.org else None
    for f in d.figures:
        f.city_code = by_name.get(f.city) if f.city else None
