"""notices: mine and write Chinese environmental-enforcement notices.

Public API (imported lazily, so ``import notices`` is cheap)::

    from notices import extract, Record
    record = extract("生态环境部约谈晋城市政府主要负责人……")
    record.to_dict()

    nlp = notices.load("zh")            # the spaCy pipeline, like spacy.load
    doc = nlp("生态环境部约谈晋城市政府主要负责人……")
    doc.spans["notices"], doc.ents, doc._.record

    from notices import read
    doc = read("notice.html")    # text, title, date, source, warnings
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"
__released__ = "2026-12-02"  # the release date; the gazetteer's lists must be at most two years older

_EXPORTS = {
    "extract": "notices.extractors:extract",
    "load": "notices.pipeline:load",
    "extract_document": "notices.extractors:extract_document",
    "Record": "notices.record:Record",
    "read": "notices.readers:read",
    "Document": "notices.readers:Document",
    "render_letters": "notices.letters:render_letters",
    "render": "notices.letters:render",
    "review_letters": "notices.letters.review:review_letters",
    "batch": "notices.batch:batch",
    "open_store": "notices.batch:open_store",
}

__all__ = [*_EXPORTS, "__version__", "__released__"]


def __getattr__(name: str) -> Any:
    target = _EXPORTS.get(name)
    if target is None:
        raise AttributeError(f"module 'notices' has no attribute {name!r}")
    module, attr = target.split(":")
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value
