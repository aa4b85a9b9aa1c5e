"""Roles: which cities the notice acts on (``subject``) and which it only names (``mentioned``).

A city is a subject when it stands in the clause that reports the act (约谈, 督察, "interviewed"),
in the headline, or as the addressee of a letter (福州市人民政府：); in an inspection or
rectification notice, also where the sentence reports a problem found. The trigger words are
the lexicon's (``role_strong``, ``role_weak``, ``role_problem``, ``role_not_after``).
"""
from __future__ import annotations

import bisect
import re

from ..text import normalize
from .lexicon import lexicon
from .mentions import NoticeView, PlaceInfo

ZH_CLAUSE = re.compile(r"[,，。；;：:\n]")
ZH_ADDRESSEE = re.compile(r"^(?:人民政府|市政府|县政府|区政府|政府)?\s*[：:]\s*$")


def _subject_windows(v: NoticeView) -> list[tuple[int, int]]:
    """The stretches of text the act's clause covers, in the first sentences."""
    lex = lexicon(v.lang)
    strong, weak = lex.regex("role_strong"), lex.regex("role_weak")
    stop = lex.regex("role_stop") if v.lang == "en" else None
    windows = []
    text = v.norm
    for idx, (s, e) in enumerate(v.sentences[:6]):
        sentence = text[s:e]
        hits = list(strong.finditer(sentence))
        if idx <= 1 and not hits:
            hits = list(weak.finditer(sentence))
        marks = [m.start() for m in ZH_CLAUSE.finditer(text, s, e)] if v.lang == "zh" else []
        for h in hits:
            t0, t1 = s + h.start(), s + h.end()
            if v.lang == "zh":
                # the clause that holds the trigger, and the enumeration right after it
                i = bisect.bisect_left(marks, t0)
                left = marks[i - 1] + 1 if i else s
                j = bisect.bisect_left(marks, t1)
                right = marks[j] if j < len(marks) else e
                if not windows or windows[-1] != (left, right):
                    windows.append((left, right))
            else:
                left = max(s, t0 - 120)
                stop_m = stop.search(text, t1, e) if stop else None
                right = min(e, stop_m.start() if stop_m else e, t1 + 220)
                windows.append((left, right))
    if v.title:
        t = text.find(normalize(v.title)[:20])
        if t >= 0:
            windows.append((t, t + len(v.title)))
    return windows


def subjects(v: NoticeView, places: list[PlaceInfo], kind: str) -> set[str]:
    """The codes of the cities among ``places`` that the notice acts on."""
    text = v.norm
    lex = lexicon(v.lang)
    not_after = lex.regex("role_not_after")
    windows = _merge(_subject_windows(v))
    out: set[str] = set()
    for m in places:
        if m.code in out:
            continue
        line_end = text.find("\n", m.end)
        if ZH_ADDRESSEE.match(text[m.end:line_end if line_end >= 0 else len(text)]) and \
                (m.start == 0 or text[m.start - 1] == "\n"):
            out.add(m.code)
        elif not not_after.match(text[m.end:m.end + 30]) and _inside(windows, m):
            out.add(m.code)
    if kind in ("inspection", "rectification"):
        out |= _problem_places(v, places, out)
    return out


def _merge(windows: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The windows as disjoint sorted intervals (starts, ends)."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(windows):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _inside(windows: tuple[list[int], list[int]], m: PlaceInfo) -> bool:
    starts, ends = windows
    i = bisect.bisect_right(starts, m.start) - 1
    return i >= 0 and m.end <= ends[i]


def _problem_places(v: NoticeView, places: list[PlaceInfo], known: set[str]) -> set[str]:
    """In an inspection or rectification notice, the places where problems were found are
    acted on too."""
    text = v.norm
    lex = lexicon(v.lang)
    problem, not_after = lex.regex("role_problem"), lex.regex("role_not_after")
    by_sentence: dict[tuple[int, int], bool] = {}
    out: set[str] = set()
    for m in places:
        if m.code in known or m.code in out or not_after.match(text[m.end:m.end + 30]):
            continue
        sentence = v.sentence_at(m.start)
        hit = by_sentence.get(sentence)
        if hit is None:
            hit = by_sentence[sentence] = bool(problem.search(text, *sentence))
        if hit:
            out.add(m.code)
    return out
