"""Mentions: the labelled spans every component adds to ``doc.spans["notices"]``.

Each component finds one kind of mention and adds it as a :class:`~spacy.tokens.Span` with a
label (``PLACE``, ``OFFICIAL``, ``FIGURE``, …) and what it resolved to in a span extension
(``span._.place.code``, ``span._.figure.value`` …, with short getters ``span._.code``,
``span._.value``, ``span._.unit``, ``span._.amount``). The payload keeps the exact character
offsets: an English span may be widened to whole tokens, the record keeps what was matched.

:class:`NoticeView` is what a component reads: the text as given, the normalised copy it matches
on (same length: traditional characters folded to simplified, so every offset is an offset into
the text as given), the sentences, and the mentions earlier components added, indexed so that
"does anything overlap this?" costs a binary search, not a scan.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

GROUP = "notices"

# Labels of the record's fields, and of the context mentions that decide roles and the authority.
PLACE = "PLACE"            # a prefecture- or county-level division (a city of the record)
PROVINCE = "PROVINCE"      # a province or a municipality named as a region: context, not a city
OFFICIAL = "OFFICIAL"
FIGURE = "FIGURE"
DATE = "DATE"
DEADLINE = "DEADLINE"
COMPANY = "COMPANY"
SANCTION = "SANCTION"
AUTHORITY = "AUTHORITY"    # a body that may perform the act (生态环境部, 中央第二生态环境保护督察组)

ENTITY_LABELS = (PLACE, OFFICIAL, COMPANY, DEADLINE, DATE, SANCTION, FIGURE)


# -- payloads ----------------------------------------------------------------------------

@dataclass(slots=True)
class PlaceInfo:
    start: int
    end: int
    code: str
    level: str  # province | municipality | prefecture | county


@dataclass(slots=True)
class DateInfo:
    start: int
    end: int
    kind: str  # full | md | ym | y | m
    year: int | None
    month: int | None
    day: int | None
    rel: str | None


@dataclass(slots=True)
class OfficialInfo:
    start: int
    end: int
    name: str
    title: str
    title_start: int          # where the title (with its prefix) starts
    name_en: str | None = None
    org_text: str | None = None   # English: the body written after "of"
    org_start: int | None = None


@dataclass(slots=True)
class FigureInfo:
    start: int
    end: int
    value: float | int
    unit: str | None
    kind: str  # percent | measure | money | count
    role: str


@dataclass(slots=True)
class DeadlineInfo:
    start: int
    end: int
    amount: int | None
    unit: str
    due: str | None = None


@dataclass(slots=True)
class CompanyInfo:
    start: int
    end: int
    name: str


@dataclass(slots=True)
class SanctionInfo:
    start: int
    end: int
    text: str
    amount: float | int | None = None


@dataclass(slots=True)
class AuthorityInfo:
    start: int
    end: int
    name: str
    name_en: str | None = None


_PAYLOAD = {
    PLACE: "place", PROVINCE: "place", DATE: "date", OFFICIAL: "official", FIGURE: "figure",
    DEADLINE: "deadline", COMPANY: "company", SANCTION: "sanction", AUTHORITY: "authority",
}


def _getter(attr: str):  # noqa: ANN202
    def get(span: Span) -> Any:
        for name in ("place", "figure", "deadline", "sanction"):
            info = span._.get(name)
            if info is not None and hasattr(info, attr):
                return getattr(info, attr)
        return None

    return get


def register_extensions() -> None:
    """The span and doc extensions the components write (idempotent)."""
    global _registered
    if _registered and Doc.has_extension("record"):
        return
    for name in set(_PAYLOAD.values()):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for attr in ("code", "value", "unit", "amount"):
        if not Span.has_extension(attr):
            Span.set_extension(attr, getter=_getter(attr))
    for name, default in (("notice_meta", None), ("date", None), ("published", None),
                          ("year", None), ("record", None), ("warnings", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    _registered = True


_registered = False


# -- dependencies between components ------------------------------------------------------

_DONE = "notices.done"


def mark_done(doc: Doc, component: str) -> None:
    doc.user_data.setdefault(_DONE, set()).add(component)


def require(doc: Doc, component: str, needs: tuple[str, ...]) -> None:
    """Refuse to run without the components whose mentions this one reads."""
    done = doc.user_data.get(_DONE, set())
    missing = [n for n in needs if n not in done]
    if missing:
        raise ValueError(
            f"[notices] {component} needs {', '.join(missing)} earlier in the pipeline; "
            f"add {' and '.join(repr(m) for m in missing)} before it, or use notices.load(lang), "
            "which has every component in order")


# -- the view components read ------------------------------------------------------------

@dataclass(slots=True)
class Meta:
    """What the caller knows about the notice besides its text."""

    lang: str | None = None
    date_hint: str | None = None   # the source's metadata date (ISO)
    title: str | None = None


class Taken:
    """Disjoint intervals taken so far, for "does this overlap one?" by binary search."""

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


class _Intervals:
    """Sorted intervals with a prefix maximum of ends: overlap queries by binary search."""

    __slots__ = ("starts", "ends", "max_end")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]
        self.max_end: list[int] = []
        top = -1
        for e in self.ends:
            top = max(top, e)
            self.max_end.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.max_end[i] > start

    def within(self, start: int, end: int) -> list[tuple[int, int]]:
        """Intervals lying inside [start, end), in order."""
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [(self.starts[i], self.ends[i]) for i in range(lo, hi) if self.ends[i] <= end]


_ZH_SENT = re.compile(r"[^。！？!?；;\n]*[。！？!?；;\n]?")
_EN_SENT = re.compile(r"[^.!?;\n]*(?:[.!?;](?=\s|$|[A-Z\"'])|\n|$)|[^\n]+?(?=\n|$)")


def split_sentences(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; a full stop inside a number (3.7) does not end one."""
    if lang == "zh":
        return [(m.start(), m.end()) for m in _ZH_SENT.finditer(text)
                if m.end() > m.start() and not m.group(0).isspace()]
    out: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"[.!?;](?=\s|$|[A-Z\"'])|\n", text):
        end = m.end()
        if end > start and not text[start:end].isspace():
            out.append((start, end))
        start = end
    if start < len(text) and not text[start:].isspace():
        out.append((start, len(text)))
    return out


class NoticeView:
    """One document as the components see it. Made once per doc (see :func:`view`)."""

    def __init__(self, doc: Doc) -> None:
        from ..text import normalize

        meta: Meta = doc._.notice_meta or Meta()
        self.doc = doc
        text = doc.user_data.get("notices.text")
        length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        self.text = text if text is not None and len(text) == length else doc.text
        self.norm = normalize(self.text)
        self.lang = meta.lang or ("zh" if doc.lang_ == "zh" else "en")
        self.date_hint = meta.date_hint
        self.title = meta.title
        if doc._.warnings is None:
            doc._.warnings = []
        self.warnings: list[str] = doc._.warnings
        self._sentences: list[tuple[int, int]] | None = None
        self._sentence_starts: list[int] | None = None
        self._index: dict[tuple[str, ...], _Intervals] = {}
        self._indexed_at = -1
        self._infos: dict[tuple[str, ...], list[Any]] = {}
        self._infos_at = -1
        # the mentions as added (label, payload, span), so that reading them back does not
        # rebuild a Span and its extension object per mention (iterating a SpanGroup does)
        self._payloads: list[tuple[str, Any]] = []
        self._spans: list[Span] = []
        for s in doc.spans.get(GROUP, []):
            info = s._.get(_PAYLOAD[s.label_]) if s.label_ in _PAYLOAD else None
            if info is not None:
                self._payloads.append((s.label_, info))
                self._spans.append(s)
        self._places: list[PlaceInfo] | None = None
        self._place_starts: list[int] = []

    def warn(self, message: str) -> None:
        """Add a warning to the notice's record, once."""
        if message not in self.warnings:
            self.warnings.append(message)

    # date decided by the dates component
    @property
    def date(self) -> str | None:
        return self.doc._.date

    @property
    def year(self) -> int | None:
        return self.doc._.year

    # -- sentences
    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = split_sentences(self.norm, self.lang)
            self._sentence_starts = [s for s, _ in self._sentences]
        return self._sentences

    def sentence_at(self, pos: int) -> tuple[int, int]:
        sents = self.sentences
        if not sents:
            return (0, len(self.norm))
        i = max(0, bisect.bisect_right(self._sentence_starts, pos) - 1)
        return sents[i]

    # -- mentions
    @property
    def group(self):  # noqa: ANN201 - spacy.tokens.SpanGroup
        if GROUP not in self.doc.spans:
            self.doc.spans[GROUP] = []
        return self.doc.spans[GROUP]

    def add(self, label: str, info: Any) -> Span | None:
        """Add a mention; its span covers whole tokens, its payload the exact characters."""
        span = self.doc.char_span(info.start, info.end, label=label, alignment_mode="expand")
        if span is None:
            return None
        span._.set(_PAYLOAD[label], info)
        self.group.append(span)
        self._payloads.append((label, info))
        self._spans.append(span)
        self._places = None if label in (PLACE, PROVINCE) else self._places
        return span

    def remove(self, keep) -> None:  # noqa: ANN001 - Callable[[str, Any], bool]
        """Keep only the mentions ``keep(label, payload)`` accepts."""
        kept = [keep(label, info) for label, info in self._payloads]
        self._payloads = [m for m, k in zip(self._payloads, kept, strict=True) if k]
        self._spans = [s for s, k in zip(self._spans, kept, strict=True) if k]
        self.doc.spans[GROUP] = list(self._spans)
        self._places = None
        self._index.clear()
        self._infos.clear()
        self._indexed_at = self._infos_at = -1

    def spans(self, labels: tuple[str, ...]) -> list[Span]:
        """The spans of the mentions with these labels, in the order they were added."""
        return [s for (label, _), s in zip(self._payloads, self._spans, strict=True) if label in labels]

    def infos(self, *labels: str) -> list[Any]:
        """The payloads of the mentions with these labels, in text order."""
        n = len(self._payloads)
        if n != self._infos_at:
            self._infos.clear()
            self._infos_at = n
        found = self._infos.get(labels)
        if found is None:
            found = self._infos[labels] = sorted(
                (info for lab, info in self._payloads if lab in labels), key=lambda i: (i.start, i.end))
        return list(found)

    def overlaps(self, start: int, end: int, labels: tuple[str, ...]) -> bool:
        """Whether a mention with one of ``labels`` overlaps [start, end)."""
        return self._intervals(labels).overlaps(start, end)

    def within(self, start: int, end: int, labels: tuple[str, ...]) -> list[tuple[int, int]]:
        return self._intervals(labels).within(start, end)

    def _intervals(self, labels: tuple[str, ...]) -> _Intervals:
        n = len(self._payloads)
        if n != self._indexed_at:
            self._index.clear()
            self._indexed_at = n
        found = self._index.get(labels)
        if found is None:
            found = self._index[labels] = _Intervals(
                [(i.start, i.end) for i in self.infos(*labels)])
        return found

    # -- places, the mentions most others read
    @property
    def places(self) -> list[PlaceInfo]:
        """Every place mention (cities and provinces), in text order."""
        if self._places is None:
            self._places = self.infos(PLACE, PROVINCE)
            self._place_starts = [p.start for p in self._places]
        return self._places

    def places_in(self, start: int, end: int, levels: tuple[str, ...] | None = None) -> list[PlaceInfo]:
        """Place mentions starting in [start, end) and ending by ``end``."""
        places = self.places
        lo = bisect.bisect_left(self._place_starts, start)
        hi = bisect.bisect_left(self._place_starts, end)
        return [p for p in places[lo:hi] if p.end <= end and (levels is None or p.level in levels)]

    def place_starting_at(self, pos: int) -> PlaceInfo | None:
        places = self.places
        i = bisect.bisect_left(self._place_starts, pos)
        return places[i] if i < len(places) and places[i].start == pos else None

    def place_ending_at(self, pos: int) -> PlaceInfo | None:
        return next((p for p in self.places_in(max(0, pos - 20), pos) if p.end == pos), None)

    def cities(self) -> list[PlaceInfo]:
        return self.infos(PLACE)


def view(doc: Doc) -> NoticeView:
    """The doc's view, made on first use."""
    register_extensions()
    found = doc.user_data.get("notices.view")
    if found is None or found.doc is not doc:
        found = doc.user_data["notices.view"] = NoticeView(doc)
    return found
