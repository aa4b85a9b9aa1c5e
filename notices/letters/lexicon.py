"""The letters' small data tables (``notices/data/letters/*.tsv``), loaded on first use.

- ``voice.tsv``: how the issuer names itself (我部/我厅/我局) and the addressee (你市/你县/…),
  and the printing office (办公厅) and government (人民政府/行政公署) by a name's ending;
- ``glossary.tsv``: counted nouns, units and indicators of English records and their Chinese;
- ``indicators.tsv``: indicators whose targets are reductions, direction words, and counted
  nouns that are places (never stated as a city's figure).
"""
from __future__ import annotations

import re
from functools import cache

from ..resources import data_path

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def _rows(name: str) -> list[list[str]]:
    text = data_path(f"letters/{name}").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def _voice() -> dict[str, list[tuple[str, str, str]]]:
    table: dict[str, list[tuple[str, str, str]]] = {}
    for kind, ending, zh, en in _rows("voice.tsv"):
        table.setdefault(kind, []).append((ending, zh, en))
    for entries in table.values():  # longest ending first: 自治州 before 州
        entries.sort(key=lambda e: len(e[0]), reverse=True)
    return table


def by_ending(kind: str, name: str, lang: str) -> str | None:
    """The ``kind`` word (``authority``, ``office``, ``division``, ``government``) for ``name``."""
    for ending, zh, en in _voice().get(kind, ()):
        if name.endswith(ending):
            return zh if lang == "zh" else en
    return None


@cache
def _glossary() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    to_zh: dict[tuple[str, str], str] = {}
    to_en: dict[tuple[str, str], str] = {}
    for kind, en, zh in _rows("glossary.tsv"):
        to_zh.setdefault((kind, en.lower()), zh)
        to_en.setdefault((kind, zh), en)
    return to_zh, to_en


def translate(kind: str, text: str, lang: str) -> str | None:
    """``text`` (a ``unit`` or ``subject``) in ``lang``, or None when the glossary lacks it.

    Text already in ``lang`` is returned as it is."""
    text = text.strip()
    if language_of(text) in (lang, None):
        return text
    to_zh, to_en = _glossary()
    if lang == "zh":
        return to_zh.get((kind, text.lower()))
    return to_en.get((kind, text))


def language_of(text: str) -> str | None:
    """``zh`` if ``text`` has Chinese characters, ``en`` if it has Latin letters, else None."""
    if _CJK.search(text):
        return "zh"
    if _LATIN.search(text):
        return "en"
    return None


@cache
def _indicators() -> dict[str, list[tuple[str, str, str]]]:
    table: dict[str, list[tuple[str, str, str]]] = {}
    for row in _rows("indicators.tsv"):
        kind, word, *rest = row
        zh, en = (rest + ["", ""])[:2]
        table.setdefault(kind, []).append((word, zh, en))
    for entries in table.values():
        entries.sort(key=lambda e: len(e[0]), reverse=True)
    return table


def _has(text: str, word: str) -> bool:
    """``word`` in ``text``: a Latin word as a whole word (ratio is not in concentration)."""
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}\b", text) is not None
    return word in text


def direction_of(text: str) -> tuple[str, str] | None:
    """``(zh, en)`` direction named in ``text`` (同比下降 → 下降, fell), or None."""
    lowered = text.lower()
    for word, zh, en in _indicators()["direction"]:
        if _has(lowered, word):
            return zh, en
    return None


def strip_direction(subject: str) -> str:
    """``PM2.5平均浓度同比下降`` → ``PM2.5平均浓度``."""
    for word, _, _ in _indicators()["direction"]:
        if subject.endswith(word) and (not word.isascii() or subject[: -len(word)].endswith(" ")):
            return subject[: -len(word)].rstrip("，, ")
    return subject


def reduction_target(subject: str) -> tuple[str, str] | None:
    """``(下降, fall)`` where the indicator's target is a reduction (concentrations, emissions)."""
    lowered = subject.lower()
    for word, zh, en in _indicators()["reduce"]:
        if _has(lowered, word):
            return zh, en
    return None


def is_place_noun(unit: str) -> bool:
    """Counted nouns that are places (个地市, 7个县, 个重点城市, cities): the cities list holds those."""
    noun = unit.lstrip("个").strip().lower()
    for word, _, _ in _indicators()["place"]:
        if noun == word or (len(word) > 1 and (noun.startswith(word) or noun.endswith(word))):
            return True
    return False


def is_level(subject: str) -> bool:
    """A percentage of this indicator is a level (优良天数比例, 达标率), not a change."""
    lowered = subject.lower()
    return any(_has(lowered, word) for word, _, _ in _indicators()["level"])


def indicator(subject: str) -> str:
    """The indicator a subject names, without the words around it (与, 亦) and its direction;
    empty when it is the target's wording (与年度目标要求)."""
    text = strip_direction(subject.strip())
    table = _indicators()
    if any(word in text for word, _, _ in table["not"]):
        return ""
    changed = True
    while changed and text:
        changed = False
        for word, _, _ in table["trim-start"]:
            if text.startswith(word) and len(text) > len(word):
                text, changed = text[len(word):], True
        for word, _, _ in table["trim-end"]:
            if text.endswith(word) and len(text) > len(word):
                text, changed = text[: -len(word)], True
        stripped = strip_direction(text)
        if stripped != text:
            text, changed = stripped, True
    return text.strip()


@cache
def _t2s() -> dict[int, str]:
    table: dict[int, str] = {}
    with data_path("t2s.tsv").open(encoding="utf-8") as fh:
        next(fh)  # header
        for line in fh:
            src, dst = line.rstrip("\n").split("\t")
            table[ord(src)] = dst
    return table


def simplified(text: str) -> str:
    """Traditional characters as simplified (環保廳 → 环保厅); punctuation is left alone."""
    return text.translate(_t2s())
