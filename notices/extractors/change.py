"""Which way a change figure moved, and what it measures when its clause only gives the change.

"PM2.5平均浓度同比不降反升4.1%" moved up; "PM2.5 density fell by 3.7 percent" down. The words
live in the lexicon (``change_words``, ``change_gap``, ``change_lead``); the figure's
``change`` is ``"up"``, ``"down"`` or None. A clause that only gives the change of the figure
before it ("…浓度为78微克/立方米，同比上升12.5%") measures what that figure measures.
"""
from __future__ import annotations

import re
from functools import cache

from .lexicon import alternation, lexicon

UP, DOWN = "up", "down"
_WINDOW = 16  # characters before (and after, in English) a figure searched for the word


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], re.Pattern[str] | None, dict[str, str]]:
    lex = lexicon(lang)
    words = {w.lower(): way for way in (UP, DOWN) for w in lex["change_words"][way]}
    any_word = alternation(list(words)).pattern
    gap = alternation(lex.get("change_gap", [])).pattern
    if lang == "zh":
        before = re.compile(rf"(?P<word>{any_word})(?:{gap})*$")
        return before, None, words
    before = re.compile(rf"\b(?P<word>{any_word})\s+(?:(?:{gap})\s+)*$", re.I)
    after = re.compile(rf"^(?:\s*(?:year[- ]on[- ]year|from a year earlier))?\s+(?P<word>{any_word})\b", re.I)
    return before, after, words


def change_of(text: str, start: int, end: int, lang: str) -> str | None:
    """``up``, ``down`` or None: the direction the words next to ``text[start:end]`` give."""
    before, after, words = _patterns(lang)
    m = before.search(text[max(0, start - _WINDOW):start])
    if m is None and after is not None:
        m = after.search(text[end:end + _WINDOW + 20])
    if m is None:
        return None
    return words[m.group("word").lower()]


@cache
def _lead(lang: str) -> re.Pattern[str]:
    lead = alternation(lexicon(lang).get("change_lead", [])).pattern
    return re.compile(rf"[，,]\s*(?:{lead})*")


def continues(text: str, prev_end: int, start: int, lang: str) -> bool:
    """Does the text between a figure ending at ``prev_end`` and one starting at ``start`` only
    open a clause that gives the second figure's change (``，同比上升``)?"""
    if lang != "zh" or not 0 < start - prev_end <= _WINDOW:
        return False
    gap = text[prev_end:start]
    word = _patterns(lang)[0].search(gap)
    if word is None:
        return False
    return _lead(lang).fullmatch(gap, 0, word.start()) is not None


_LIST = re.compile(r"\s*(?:和|与|及|、|，|,|and|or)\s*", re.I)


def in_a_list(text: str, prev_end: int, start: int) -> bool:
    """Do two figures stand side by side in a list (``58.4%和40.6%``, ``3% and 4%``)?"""
    return _LIST.fullmatch(text, prev_end, start) is not None
