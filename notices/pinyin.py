"""Romanisation of Chinese personal and place names (Hanyu Pinyin, no tones).

People: the surname comes first and takes its surname reading from ``data/surnames.tsv``
(单 → Shan, 曾 → Zeng, 尉迟 → Yuchi); the given name is written as one word.
Places: readings that differ from the everyday one come from ``data/place_pinyin.tsv``
(六安 → Lu'an, 蚌埠 → Bengbu).

pypinyin is imported on first use only: loading its dictionaries takes a noticeable time.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from notices.errors import DataError
from notices.resources import data_path

__all__ = [
    "Surname",
    "is_surname_start",
    "join_syllables",
    "person_name_en",
    "place_pinyin",
    "surname_table",
    "surnames",
    "common_surnames",
    "syllables",
]

_VOWEL_INITIALS = ("a", "e", "o")
_NAME_SEPARATORS = "·•‧・."


@dataclass(frozen=True, slots=True)
class Surname:
    """One row of ``surnames.tsv``: the simplified form, its reading, traditional forms."""

    surname: str
    pinyin: str
    traditional: tuple[str, ...] = ()


def _read_tsv(name: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    path = data_path(name)
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None or tuple(header) != columns:
            raise DataError(f"line 1: expected the header {' '.join(columns)}", path=str(path))
        rows = []
        for lineno, row in enumerate(reader, start=2):
            if len(row) != len(header):
                message = f"line {lineno}: expected {len(header)} columns, got {len(row)}"
                raise DataError(message, path=str(path))
            rows.append(dict(zip(header, row, strict=True)))
    return rows


@cache
def surname_table() -> Mapping[str, Surname]:
    """Every known surname, simplified and traditional forms alike, to its row."""
    table: dict[str, Surname] = {}
    for row in _read_tsv("surnames.tsv", ("surname", "pinyin", "traditional")):
        entry = Surname(row["surname"], row["pinyin"], tuple(row["traditional"].split()))
        for form in (entry.surname, *entry.traditional):
            table.setdefault(form, entry)
    return table


@cache
def surnames() -> frozenset[str]:
    """The simplified forms of the known surnames."""
    return frozenset(entry.surname for entry in surname_table().values())


@cache
def common_surnames() -> frozenset[str]:
    """The known surnames less the rare ones (``data/surnames_rare.txt``: 介, 政, 考 are everyday
    words too), for guessing whether a word is a surname."""
    lines = data_path("surnames_rare.txt").read_text(encoding="utf-8").splitlines()
    rare = {ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")}
    return surnames() - rare


def is_surname_start(text: str) -> int:
    """Length (2, 1 or 0) of the known surname that ``text`` starts with; compound surnames win."""
    table = surname_table()
    for length in (2, 1):
        if len(text) >= length and text[:length] in table:
            return length
    return 0


def syllables(text: str) -> list[str]:
    """Toneless pinyin syllables of ``text`` (ü kept); characters without a reading pass through."""
    from pypinyin import Style, lazy_pinyin  # slow to import: only when needed

    return lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="default")


def join_syllables(parts: Iterable[str]) -> str:
    """One capitalised word, with an apostrophe before a syllable starting with a, e or o.

    >>> join_syllables(["xi", "an"])
    "Xi'an"
    """
    out = ""
    for part in parts:
        part = part.strip().lower()
        if not part:
            continue
        if out and part[0] in _VOWEL_INITIALS and out[-1].isalpha():
            out += "'"
        out += part
    return out[:1].upper() + out[1:]


@cache
def _place_overrides() -> Mapping[str, tuple[str, ...]]:
    rows = _read_tsv("place_pinyin.tsv", ("text", "pinyin", "note"))
    return {row["text"]: tuple(row["pinyin"].split()) for row in rows}


@cache
def _longest_override() -> int:
    return max((len(key) for key in _place_overrides()), default=0)


def _place_syllables(name: str) -> list[str]:
    overrides = _place_overrides()
    longest = _longest_override()
    out: list[str] = []
    pending_start = 0
    i = 0
    while i < len(name):
        for length in range(min(longest, len(name) - i), 0, -1):
            reading = overrides.get(name[i : i + length])
            if reading is not None:
                if pending_start < i:
                    out.extend(syllables(name[pending_start:i]))
                out.extend(reading)
                i += length
                pending_start = i
                break
        else:
            i += 1
    if pending_start < len(name):
        out.extend(syllables(name[pending_start:]))
    return out


def place_pinyin(name: str) -> str:
    """A place name as one pinyin word: 晋城 → Jincheng, 西安 → Xi'an, 六安 → Lu'an."""
    return join_syllables(_place_syllables(name))


def _romanise_han(name: str) -> str:
    length = is_surname_start(name) or 1
    surname, given = name[:length], name[length:]
    entry = surname_table().get(surname)
    family = entry.pinyin if entry is not None else join_syllables(syllables(surname))
    if not given:
        return family
    return f"{family} {join_syllables(syllables(given))}"


@lru_cache(maxsize=4096)  # pure; the same names recur in a notice and across a batch
def person_name_en(name: str) -> str:
    """A Chinese personal name in pinyin, surname first: 刘峰 → Liu Feng, 欧阳明 → Ouyang Ming.

    Names written with a middle dot (transliterated minority names) keep their parts in order,
    each romanised as one word.
    """
    name = "".join(name.split())
    if not name:
        return ""
    if any(sep in name for sep in _NAME_SEPARATORS):
        parts = [p for p in _split_any(name, _NAME_SEPARATORS) if p]
        return " ".join(join_syllables(syllables(p)) for p in parts)
    return _romanise_han(name)


def _split_any(text: str, separators: str) -> list[str]:
    for sep in separators[1:]:
        text = text.replace(sep, separators[0])
    return text.split(separators[0])
