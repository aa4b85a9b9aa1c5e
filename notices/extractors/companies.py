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

from ..gazetteer import load_gazetteer
from .lexicon import alternation, lexicon
from .mentions import COMPANY, CompanyInfo, NoticeView, mark_done, require, view

Draft = NoticeView

_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z·]"


@cache
def _zh_pattern() -> re.Pattern[str]:
    suffixes = alternation(lexicon("zh")["company_suffixes"]).pattern
    return re.compile(rf"{_NAME_CHARS}{{2,30}}?(?:{suffixes})")


@cache
def _zh_suffixes() -> tuple[str, ...]:
    return tuple(sorted(lexicon("zh")["company_suffixes"], key=len, reverse=True))


@cache
def _zh_stop_prefixes() -> re.Pattern[str]:
    return alternation(lexicon("zh")["company_stop_prefixes"])


_PRONOUN_BEFORE_SUFFIX = re.compile(r"(?:你|该|我|本|其|对|此|贵|上述|涉事|相关|所属|下属|名下)$")
_GENERIC_CORE = re.compile(r"^(?:一家|一座|部分|城市|城镇|城区|园区|全省|全市|全县|当地|第[一二三四五六七八九十]|多家|某|大|小|该|此)")


def _trim_zh(draft: Draft, start: int, end: int) -> int:
    """Move ``start`` right past framing words and the address in front of the name.

    The address is a run of full place names (江苏省徐州市鼓楼区) followed by another place
    name; a place name that the name itself starts with (徐州恒达…, 邯郸市方圆…) stays.
    """
    text = draft.norm
    de = text.rfind("的", start, end)
    if de >= 0:
        start = de + 1
    for word in ("名为", "名叫", "称为", "部分", "新建", "力争", "亿元", "万元", "时"):
        k = text.rfind(word, start, end)
        if k >= 0:
            start = k + len(word)
    stops = _zh_stop_prefixes()
    places = [p for p in draft.places_in(start, end) if p.start < end - 2]
    if places:
        cut = text[start:places[0].start]
        if cut:
            start = places[0].start
    while start < end:
        hit = stops.match(text, start)
        if hit is None or end - hit.end() < 4:
            break
        start = hit.end()
    # strip the address (江苏省徐州市鼓楼区) when the name itself starts with a short place name
    chain = []
    pos = start
    while True:
        nxt = next((p for p in places if p.start == pos), None)
        if nxt is None:
            break
        chain.append(nxt)
        pos = nxt.end
    gaz = load_gazetteer()
    short = next((p for p in chain if text[p.start:p.end] != getattr(gaz.by_code(p.code), "name", None)), None)
    if short is not None:
        start = short.start
    elif chain and chain[0].level == "province" and len(chain) > 1:
        start = chain[1].start
    m = None
    for m in re.finditer(r"(?:对|向|将|被|在|发现|检查|责令|要求|查处|处罚|约谈|督办|涉及|包括|其中|如)", text[start:end - 4]):
        pass
    if m is not None and start + m.end() < end - 3:
        start = start + m.end()
    return start


def find_zh(draft: Draft) -> list[CompanyInfo]:
    lex = lexicon("zh")
    not_names = set(lex["company_not"])
    text = draft.norm
    out: list[CompanyInfo] = []
    taken_until = -1
    for m in _zh_pattern().finditer(text):
        start, end = m.span()
        # extend left over name characters the lazy match did not take
        while start > 0 and re.match(_NAME_CHARS, text[start - 1]) and end - start < 40:
            start -= 1
        start = _trim_zh(draft, start, end)
        name = draft.text[start:end]
        if name in not_names or len(name) < 4:
            continue
        if re.match(r"^(?:该|本|上述|涉事|相关|多家|两家|一家|几家|部分|其他|某|你|我)", name):
            continue
        suffix_start = end - len(next(x for x in _zh_suffixes() if text[start:end].endswith(x)))
        if _PRONOUN_BEFORE_SUFFIX.search(text[start:suffix_start]):
            continue
        core_start = start
        while (p := draft.place_starting_at(core_start)) is not None and p.end < suffix_start:
            core_start = p.end
        core = text[core_start:end]
        if _GENERIC_CORE.match(core) or suffix_start - core_start < 2:
            continue
        if any(w in text[start:end] for w in lex["company_clause_words"]):
            continue
        if start < taken_until:
            continue
        out.append(CompanyInfo(start, end, name))
        taken_until = end
    return out


@cache
def _en_pattern() -> re.Pattern[str]:
    suffixes = alternation(lexicon("en")["company_suffixes"]).pattern
    word = r"(?:[A-Z][A-Za-z0-9&'’.-]*|\([A-Z][a-z]+\)|and|&|of)"
    return re.compile(rf"\b(?P<name>{word}(?:[ ]+{word}){{0,9}}?[ ]+(?:{suffixes}))(?![A-Za-z])")


def find_en(draft: Draft) -> list[CompanyInfo]:
    stops = set(lexicon("en")["company_stop_words"])
    text = draft.norm
    out: list[CompanyInfo] = []
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
        out.append(CompanyInfo(start, start + len(name), draft.text[start:start + len(name)]))
    return out


@Language.factory("notices_companies", assigns=["doc.spans", "span._.company"],
                  requires=["span._.place"])
def make_companies(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        require(doc, "notices_companies", ("notices_places",))
        v = view(doc)
        for info in (find_zh(v) if v.lang == "zh" else find_en(v)):
            v.add(COMPANY, info)
        mark_done(doc, "notices_companies")
        return doc

    return component
