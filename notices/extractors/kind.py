"""The notice's kind (interview, inspection, rectification, sanction, other) and its authority.

Kind: the weighted words of each kind in the lexicon, counted over the text, with the title and
first sentence weighing three times. Authority: the issuing body named first where the act is
reported — the ministry, an inspection team, or a provincial or city bureau.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import load_gazetteer
from ..text import normalize
from .lexicon import alternation, lexicon
from .mentions import NoticeView, mark_done, view

Draft = NoticeView
KINDS = ("interview", "inspection", "rectification", "sanction", "other")

KIND_ORDER = ("interview", "rectification", "sanction", "inspection")
_PRESS = re.compile(r"新闻发布会|例行发布会|press conference|news conference|briefing", re.I)


def classify(draft: Draft) -> str:
    lex = lexicon(draft.lang)
    text = draft.norm
    flags = re.I if draft.lang == "en" else 0
    head_end = draft.sentences[0][1] if draft.sentences else 0
    if draft.title and text.startswith(draft.title[:10]) and len(draft.sentences) > 1:
        head_end = draft.sentences[1][1]
    title_end = len(draft.title) if draft.title and text.startswith(normalize(draft.title)) else 0
    scores: dict[str, float] = {}
    for kind, words in lex["kinds"].items():
        total = 0.0
        for word, weight in words.items():
            pat = re.escape(word) if draft.lang == "zh" else r"\b" + re.escape(word) + r"\b"
            for m in re.finditer(pat, text, flags):
                total += weight * (6 if m.start() < title_end else 3 if m.start() < head_end else 1)
        scores[kind] = total
    best = max(KIND_ORDER, key=lambda k: (scores.get(k, 0), -KIND_ORDER.index(k)))
    if _PRESS.search(text[:head_end]) and best in ("inspection", "sanction"):
        return "other"  # a press conference's report reviews the year's work
    return best if scores.get(best, 0) >= 2 else "other"


def _agent(draft: Draft, candidates: list[tuple[int, tuple[str, str | None]]],
           triggers: re.Pattern[str]) -> tuple[str, str | None]:
    """The body that performs the reported act: in the first sentence that reports one, the
    body named last before the act's verb (else the first after it)."""
    text = draft.norm
    for s, e in draft.sentences[:6]:
        hit = triggers.search(text, s, e)
        if not hit:
            continue
        inside = [c for c in candidates if s <= c[0] < e]
        if inside:
            before = [c for c in inside if c[0] < hit.start()]
            return (before[-1] if before else inside[0])[1]
    return candidates[0][1]


@cache
def _zh_authority_pattern() -> re.Pattern[str]:
    lex = lexicon("zh")
    names = alternation(list(lex["authorities"])).pattern
    suffixes = alternation(lex["authority_suffixes"]).pattern
    team = r"中央第?[一二三四五六七八九十]*(?:生态)?环境保护督察组|(?:[\u4e00-\u9fff]{2,7}(?:省|自治区|市))第[一二三四五六七八九十]+(?:生态)?环境保护督察组"
    return re.compile(rf"(?P<team>{team})|(?P<name>{names})|(?P<suffix>{suffixes})")


def _zh_authority(draft: Draft) -> tuple[str, str | None] | None:
    lex = lexicon("zh")
    text = draft.norm
    gaz = load_gazetteer()
    candidates = []
    for m in _zh_authority_pattern().finditer(text):
        if text[max(0, m.start() - 1):m.start()] == "原" and m.group("name"):
            continue  # 原环境保护部: the former ministry, named in passing
        if m.group("team"):
            candidates.append((m.start(), (m.group("team"), "Central Ecological and Environmental Inspection Team")))
        elif m.group("name"):
            name, en = lex["authorities"][m.group("name")]
            candidates.append((m.start(), (name, en)))
        else:
            place = draft.place_ending_at(m.start())
            start = place.start if place is not None else m.start()
            if place is not None:
                div = gaz.by_code(place.code)
            elif text[max(0, m.start() - 3):m.start()].endswith(("省", "自治区")) and \
                    not text[max(0, m.start() - 4):m.start()].endswith(("全省", "各省")):
                div = _home_province(draft)  # 省环保厅: the province the notice is about
                start = m.start() - (3 if text[m.start() - 3:m.start()] == "自治区" else 1)
            else:
                continue
            if div is None:
                continue
            suffix = m.group("suffix")
            en = lex["authority_en_suffixes"].get(suffix)
            suffix = lex["authority_canonical"].get(suffix, suffix)
            candidates.append((start, (div.name + suffix, f"{div.name_en} {en}" if en else None)))
    if not candidates:
        return None
    title_end = len(draft.title) if draft.title and text.startswith(normalize(draft.title)) else 0
    in_title = [c for c in candidates if c[0] < title_end]
    if in_title:
        return in_title[0][1]  # the headline names its issuer: 黑龙江省生态环境厅公布…
    return _agent(draft, candidates, lex.act_triggers)


def _home_province(draft: Draft):  # noqa: ANN202 - Division | None
    """The province most of the notice's places belong to."""
    from collections import Counter

    if hasattr(draft, "_home_province"):
        return draft._home_province
    gaz = load_gazetteer()
    votes = Counter(p.code[:2] + "0000" for p in draft.places)
    draft._home_province = next(
        (div for code, _ in votes.most_common()
         if (div := gaz.by_code(code)) is not None and div.level in ("province", "municipality")), None)
    return draft._home_province


@cache
def _en_authority_pattern() -> re.Pattern[str]:
    lex = lexicon("en")
    names = alternation(list(lex["authorities"])).pattern
    suffixes = alternation(list(lex["authority_suffixes"])).pattern
    return re.compile(rf"(?P<name>\b(?i:{names})\b)|(?P<place>[A-Z][a-z]+(?:\s(?!Provincial|Municipal)[A-Z][a-z]+)?)\s+(?P<suffix>{suffixes})")


def _en_authority(draft: Draft) -> tuple[str, str | None] | None:
    lex = lexicon("en")
    text = draft.norm
    gaz = load_gazetteer()
    candidates = []
    for m in _en_authority_pattern().finditer(text):
        if re.search(r"\bformer\s+(?:the\s+)?$", text[max(0, m.start() - 12):m.start()], re.I):
            continue
        if m.group("name"):
            key = next(k for k in lex["authorities"] if k.lower() == m.group("name").lower())
            name, en = lex["authorities"][key]
            candidates.append((m.start(), (name, en)))
            continue
        place = m.group("place")
        divs = [d for d in gaz.lookup(place) if d.level == "province"] or gaz.lookup(place)
        if not divs and " " in place:
            place = place.split()[-1]
            divs = [d for d in gaz.lookup(place) if d.level == "province"] or gaz.lookup(place)
        if not divs:
            continue
        suffix_key = next(k for k in lex["authority_suffixes"] if k.lower() == m.group("suffix").lower())
        zh = lex["authority_suffixes"][suffix_key]
        candidates.append((m.start(), (divs[0].name + zh, f"{place} {m.group('suffix')}")))
    if not candidates:
        return None
    return _agent(draft, candidates, lex.act_triggers)


def authority(draft: Draft) -> tuple[str, str | None] | None:
    """The body that performs the notice's act, as (Chinese name, English name)."""
    return _zh_authority(draft) if draft.lang == "zh" else _en_authority(draft)


@Language.factory("notices_kind", assigns=["doc.cats"])
def make_kind(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        kind = classify(view(doc))
        doc.cats = {k: float(k == kind) for k in KINDS}
        mark_done(doc, "notices_kind")
        return doc

    return component
