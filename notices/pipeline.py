"""The spaCy pipelines: :func:`load` builds one per language (like ``spacy.load``), once.

``spacy.blank("zh")`` with our tokenizer (one token per character, or jieba with the domain
dictionary), or ``spacy.blank("en")`` with a linear regex tokenizer, then the components in
order: dates, places, officials, companies, deadlines, figures, sanctions, kind — each adds
labelled spans to ``doc.spans["notices"]`` (or, for the kind, ``doc.cats``) — and last
``notices_assemble``, which builds the record on ``doc._.record`` and fills ``doc.ents``::

    nlp = notices.load("zh")
    doc = nlp("2018年5月3日，生态环境部约谈晋城市市长刘峰……")
    [(s.text, s.label_, s._.code) for s in doc.spans["notices"]]
    doc._.record.to_dict()
"""
from __future__ import annotations

from functools import cache

from .spacy_import import import_spacy

spacy = import_spacy()  # before any other spaCy import: without its command-line package

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from .extractors.assemble import COMPONENTS as MENTION_COMPONENTS  # noqa: E402
from .extractors.mentions import Meta, register_extensions  # noqa: E402
from .record import Record  # noqa: E402
from .resources import gc_paused  # noqa: E402

COMPONENTS = (*MENTION_COMPONENTS, "notices_assemble")


def _register() -> None:
    # importing the modules registers their factories
    from .extractors import (  # noqa: F401
        assemble, companies, dates, figures, kind, officials, places, sanctions,
    )
    from . import segment  # noqa: F401

    register_extensions()


# Measured with benchmarks/bench_extract.py on the corpus: with one token per character the
# full extraction runs at 0.78-0.87 of bare jieba.lcut's speed, with jieba tokens at 0.29-0.49,
# and jieba's dictionary adds 0.4-1.9 s to start-up. The extractors match on characters, so every
# entity boundary is a token boundary either way: "char" is right and fast. "jieba" (with the
# domain user dictionary) gives word tokens to spaCy users who want them.
DEFAULT_SEGMENTER = "char"

# Longer texts are processed too (a 10 MB scrape, a 5,000-page PDF): spaCy's default limit guards
# its trained components' memory, and ours keep a few spans per mention, not per token.
MAX_LENGTH = 20_000_000


def load(lang: str, segmenter: str = DEFAULT_SEGMENTER) -> Language:
    """The pipeline for ``zh`` or ``en``, built on first use and cached."""
    return _load(lang, segmenter)  # one cache key however it is called: load("zh") is load("zh", "char")


@cache
@gc_paused()
def _load(lang: str, segmenter: str) -> Language:
    _register()
    if lang == "zh":
        nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {
            "@tokenizers": "notices.zh_tokenizer.v1", "segmenter": segmenter}}})
    elif lang == "en":
        nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "notices.en_tokenizer.v1"}}})
    else:
        raise ValueError(f"unsupported language {lang!r}: use 'zh' or 'en'")
    nlp.max_length = MAX_LENGTH
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def make_doc(nlp: Language, text: str, *, lang: str, date: str | None = None,
             title: str | None = None) -> Doc:
    """A doc of ``text`` carrying what the caller knows of it (its metadata date and title)."""
    doc = nlp.make_doc(text)
    doc._.notice_meta = Meta(lang=lang, date_hint=date, title=title)
    return doc


def run(text: str, *, lang: str, date: str | None, source: str | None, sha256: str | None,
        title: str | None, segmenter: str = DEFAULT_SEGMENTER) -> Record:
    nlp = load(lang, segmenter)
    doc = nlp(make_doc(nlp, text, lang=lang, date=date, title=title))
    record: Record = doc._.record
    record.source, record.sha256 = source, sha256
    return record
