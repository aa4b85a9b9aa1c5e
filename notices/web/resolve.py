"""What the clerk selected in the notice, made an item of the record the way the extractor
makes one: the selection's sentence is extracted and the item of the asked kind that the
selection covers is taken (a city with its code, a deadline with its due date, a figure with
its value, unit and role, an official with his post); failing that, the selection alone is
extracted; failing that, the selection is the item as written (a place looked up in the
gazetteer, a name given its pinyin). The item always carries the selected span.
"""
from __future__ import annotations

import re
from typing import Any

from ..record import City, Company, Deadline, Figure, Official, Record, Sanction
from .i18n import msg
from .pages import PageError

MAX_SPAN = 200  # characters a selection may have
CONTEXT = 600  # characters either side searched for the selection's sentence
FIELDS = {"city": "cities", "official": "officials", "figure": "figures", "deadline": "deadlines",
          "company": "companies", "sanction": "sanctions"}
_NUMBER = re.compile(r"\s*([0-9０-９.,，．]+|[零〇一二两三四五六七八九十百千万亿点.]+)\s*(.*)", re.S)


def _spans(item: Any) -> list[tuple[int, int]]:
    return list(item.spans) if isinstance(item, City) else ([item.span] if item.span else [])


def _covered(items: list[Any], start: int, end: int, offset: int) -> Any | None:
    """The item with a span overlapping ``start``–``end`` the most (spans are ``offset`` off)."""
    best, most = None, 0
    for item in items:
        for a, b in _spans(item):
            overlap = min(end, b + offset) - max(start, a + offset)
            if overlap > most:
                best, most = item, overlap
    return best


def _sentence(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    from ..extractors.mentions import split_sentences

    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    spans = [(a + lo, b + lo) for a, b in split_sentences(text[lo:hi], lang) if a + lo < end and start < b + lo]
    if not spans:
        return start, end
    return min(spans[0][0], start), max(spans[-1][1], end)


def _as_written(kind: str, surface: str, lang: str, date: str | None) -> Any:
    if kind == "city":
        from ..gazetteer import load_gazetteer

        gaz = load_gazetteer()
        found = [d for d in gaz.lookup(surface, on=date) or gaz.lookup(surface) if d.level != "province"]
        if not found:
            return City(name=surface, code="", role="mentioned", level="prefecture")
        division = found[0]
        province = gaz.province_of(division)
        return City(name=division.name, code=division.code, name_en=division.name_en or None,
                    province=province.name if province is not None and province.code != division.code else None,
                    level=division.level, role="mentioned")
    if kind == "official":
        from ..pinyin import person_name_en

        return Official(name=surface, name_en=(person_name_en(surface) if lang == "zh" else surface) or None)
    if kind == "figure":
        from ..numerals import parse_number

        m = _NUMBER.fullmatch(surface)
        value = parse_number(m.group(1)) if m else None
        return Figure(value=value, unit=m.group(2).strip() if m else "", text=surface)  # type: ignore[arg-type]
    if kind == "deadline":
        return Deadline(text=surface, amount=None, unit="date", due=None)
    if kind == "company":
        return Company(name=surface)
    return Sanction(text=surface)


def _title_before(text: str, start: int) -> str | None:
    """The post written right before a name (副市长吉建军), from the extractor's list of posts."""
    from ..extractors.lexicon import lexicon

    before = text[max(0, start - 24):start]
    return next((t for t in sorted(lexicon("zh")["titles"], key=len, reverse=True) if before.endswith(t)), None)


def resolve(kind: str, text: str, start: int, end: int, *, lang: str | None = None,
            date: str | None = None, subjects: tuple[str, ...] = ()) -> Record:
    """A record holding one item of ``kind`` (city, official, figure, deadline, company,
    sanction) for ``text[start:end]``, resolved as the extractor resolves it. ``date`` is the
    notice's (ISO), which deadlines count from; ``subjects`` the notice's subject cities (an
    official with a post and no body of his own serves the one subject city). Raises
    :class:`PageError` for a bad selection."""
    from .. import extract
    from ..text import detect_lang

    field = FIELDS.get(kind)
    if field is None:
        raise PageError(msg("err.resolve_kind", kind=str(kind)[:20]))
    if not (0 <= start < end <= len(text)) or end - start > MAX_SPAN:
        raise PageError(msg("err.resolve_span", limit=MAX_SPAN))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise PageError(msg("err.resolve_span", limit=MAX_SPAN))
    surface = text[start:end]
    lang = lang if lang in ("zh", "en") else detect_lang(surface)
    a, b = _sentence(text, start, end, lang)
    item = _covered(getattr(extract(text[a:b], lang=lang, date=date), field), start, end, a)
    if item is None:
        item = _covered(getattr(extract(surface, lang=lang, date=date), field), start, end, start)
    if item is None:
        item = _as_written(kind, surface, lang, date)
    if isinstance(item, City):
        item.spans = [(start, end)]
    else:
        item.span = (start, end)
        if isinstance(item, Official):
            if item.name not in surface:
                item.name = surface
            if item.title is None and lang == "zh":
                item.title = _title_before(text, start)
            if item.org is None and item.title and len(subjects) == 1:
                item.org = subjects[0]
    return Record(lang=lang, date=date, **{field: [item]})
