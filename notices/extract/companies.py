"""Companies: registered names ending in 有限公司, 集团, 厂, "Co., Ltd.", "Group", "Steel Works".

The name runs left from its suffix over the characters a name is made of, then sheds the words
that stand in front of names without belonging to them (位于, 其中, 该市, 发现, "Many enterprises
such as"). A place prefix that is part of the name (邯郸市方圆桶业有限公司) stays.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..record import Company
from .draft import Draft
from .lexicon import alternation, lexicon

_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9()（）·]"


@cache
def _zh_pattern() -> re.Pattern[str]:
    suffixes = alternation(lexicon("zh")["company_suffixes"]).pattern
    return re.compile(rf"{_NAME_CHARS}{{2,30}}?(?:{suffixes})")


@cache
def _zh_stop_prefixes() -> tuple[str, ...]:
    return tuple(sorted(lexicon("zh")["company_stop_prefixes"], key=len, reverse=True))


def _trim_zh(draft: Draft, start: int, end: int) -> int:
    """Move ``start`` right past framing words; prefer a place name as the name's first word."""
    text = draft.norm
    stops = _zh_stop_prefixes()
    # a place name inside the candidate is where registered names usually start
    for p in draft.places:
        if start <= p.start < end - 2:
            cut = text[start:p.start]
            if cut and (any(cut.endswith(s) for s in stops) or len(cut) >= 2):
                start = p.start
            break
    changed = True
    while changed and start < end:
        changed = False
        for s in stops:
            if text.startswith(s, start) and end - start - len(s) >= 4:
                start += len(s)
                changed = True
                break
    # a verb phrase glued to the name: cut after the last 对/向/将/被/在/发现 inside
    m = None
    for m in re.finditer(r"(?:对|向|将|被|在|发现|检查|责令|要求|查处|处罚|约谈|督办|涉及|包括|其中|如)", text[start:end - 4]):
        pass
    if m is not None and start + m.end() < end - 3:
        start = start + m.end()
    return start


def find_zh(draft: Draft) -> list[Company]:
    lex = lexicon("zh")
    not_names = set(lex["company_not"])
    text = draft.norm
    out: list[Company] = []
    for m in _zh_pattern().finditer(text):
        start, end = m.span()
        # extend left over name characters the lazy match did not take
        while start > 0 and re.match(_NAME_CHARS, text[start - 1]) and end - start < 40:
            start -= 1
        start = _trim_zh(draft, start, end)
        name = draft.text[start:end]
        if name in not_names or len(name) < 4:
            continue
        if re.match(r"^(?:该|本|上述|涉事|相关|多家|两家|一家|几家|部分|其他|某)", name):
            continue
        if draft.is_claimed(start, end, ("company",)):
            continue
        out.append(Company(name=name, span=(start, end)))
        draft.claim(start, end, "company")
    return _dedupe(out)


@cache
def _en_pattern() -> re.Pattern[str]:
    suffixes = alternation(lexicon("en")["company_suffixes"]).pattern
    word = r"(?:[A-Z][A-Za-z0-9&'’.-]*|\([A-Z][a-z]+\)|and|&|of)"
    return re.compile(rf"\b(?P<name>{word}(?:\s+{word}){{0,9}}?\s+(?:{suffixes}))(?![A-Za-z])")


def find_en(draft: Draft) -> list[Company]:
    stops = set(lexicon("en")["company_stop_words"])
    text = draft.norm
    out: list[Company] = []
    for m in _en_pattern().finditer(text):
        start, end = m.span("name")
        words = list(re.finditer(r"\S+", text[start:end]))
        i = 0
        while i < len(words) - 1 and (words[i].group(0) in stops or not words[i].group(0)[0].isupper()):
            i += 1
        start += words[i].start()
        name = text[start:end].rstrip(",")
        if len(name.split()) < 2:
            continue
        first = name.split()[0]
        if first.lower() in ("the", "a", "this", "that", "such"):
            continue
        out.append(Company(name=draft.text[start:start + len(name)], span=(start, start + len(name))))
        draft.claim(start, start + len(name), "company")
    return _dedupe(out)


def _dedupe(items: list[Company]) -> list[Company]:
    seen: set[str] = set()
    out = []
    for c in items:
        if c.name not in seen:
            seen.add(c.name)
            out.append(c)
    return out


@Language.factory("notices_companies")
def make_companies(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        draft: Draft = doc._.notice
        draft.companies = find_zh(draft) if draft.lang == "zh" else find_en(draft)
        return doc

    return component
