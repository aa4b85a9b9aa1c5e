"""The working state one notice accumulates as it passes through the pipeline's components.

A :class:`Draft` rides on ``Doc._.notice``. Components read the normalised text (``norm``, same
length as the original, so every offset is an offset into the original) and append record items.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..record import City, Company, Deadline, Figure, Official, Sanction


@dataclass(slots=True)
class PlaceMention:
    start: int
    end: int
    code: str
    level: str  # province | municipality | prefecture | county


@dataclass
class Draft:
    text: str
    norm: str
    lang: str
    date_hint: str | None = None
    title: str | None = None
    date: str | None = None  # the act's
    published: str | None = None
    year: int | None = None
    places: list[PlaceMention] = field(default_factory=list)
    cities: list[City] = field(default_factory=list)
    officials: list[Official] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    companies: list[Company] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)
    authority: tuple[str, str | None] | None = None
    kind: str = "other"
    warnings: list[str] = field(default_factory=list)
    # (start, end, label) of text already claimed: dates, names, codes; figures avoid them
    claimed: list[tuple[int, int, str]] = field(default_factory=list)
    _sentences: list[tuple[int, int]] | None = None
    _year_marks: list[tuple[int, int]] | None = None

    def claim(self, start: int, end: int, label: str) -> None:
        self.claimed.append((start, end, label))

    def is_claimed(self, start: int, end: int, labels: tuple[str, ...] | None = None) -> bool:
        return any(s < end and start < e and (labels is None or lab in labels)
                   for s, e, lab in self.claimed)

    def original(self, start: int, end: int) -> str:
        return self.text[start:end]

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence of the normalised text."""
        if self._sentences is None:
            self._sentences = split_sentences(self.norm, self.lang)
        return self._sentences

    def sentence_at(self, pos: int) -> tuple[int, int]:
        sents = self.sentences
        starts = [s for s, _ in sents]
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        return sents[i] if sents else (0, len(self.norm))

    def places_in(self, start: int, end: int, levels: tuple[str, ...] | None = None) -> list[PlaceMention]:
        return [p for p in self.places if start <= p.start and p.end <= end
                and (levels is None or p.level in levels)]


_ZH_SENT = re.compile(r"[^。！？!?；;\n]*[。！？!?；;\n]?")
_EN_SENT = re.compile(r".*?(?:[.!?;](?=\s|$|[A-Z\"'])|\n|$)", re.S)


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    pattern = _ZH_SENT if lang == "zh" else _EN_SENT
    out = []
    for m in pattern.finditer(text):
        if m.end() > m.start() and not m.group(0).isspace():
            out.append((m.start(), m.end()))
    return out


def ensure_draft(doc) -> Draft:  # noqa: ANN001 - spacy.tokens.Doc
    """The doc's draft; made from the doc's own text when a component runs in a user's pipeline."""
    from spacy.tokens import Doc

    from ..text import normalize

    if not Doc.has_extension("notice"):
        Doc.set_extension("notice", default=None)
    draft = doc._.notice
    if draft is None:
        lang = "zh" if doc.lang_ == "zh" else "en"
        draft = Draft(text=doc.text, norm=normalize(doc.text), lang=lang)
        doc._.notice = draft
    return draft
