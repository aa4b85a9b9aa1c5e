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

KINDS = ("interview", "inspection", "rectification", "sanction", "other")

KIND_ORDER = ("interview", "rectification", "sanction", "inspection")


@cache
def _press() -> re.Pattern[str]:
    """A press conference, in either language (a Chinese notice may quote an English name)."""
    return alternation([*lexicon("zh")["press_words"], *lexicon("en")["press_words"]], flags=re.I)


def classify(draft: NoticeView) -> str:
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
    if _press().search(text[:head_end]) and best in ("inspection", "sanction"):
        return "other"  # a press conference's report reviews the year's work
    return best if scores.get(best, 0) >= 2 else "other"


def _agent(draft: NoticeView, candidates: list[tuple[int, tuple[str, str | None]]],
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
    num = r"第[一二三四五六七八九十]+(?:、第?[一二三四五六七八九十]+)*"
    team = rf"中央(?P<num>{num})?(?:生态)?环(?:境)?保(?:护)?督察组"
    local = (r"(?P<local>(?:(?P<lplace>[\u4e00-\u9fff]{2,7}?(?:省|自治区|市))|省|自治区|市)委?(?:第[一二三四五六七八九十]+批)?"
             r"(?:第[一二三四五六七八九十]+)?(?:生态)?环(?:境)?保(?:护)?(?:集中)?(?:第[一二三四五六七八九十]+)?督察组)")
    return re.compile(rf"(?P<team>{team})|{local}|(?P<name>{names})|(?P<suffix>{suffixes})")


def _renamed(name: str, en: str | None, day: str | None) -> tuple[str, str | None]:
    """A body named in general terms, under the name it bore on the notice's date
    (中央环境保护督察组 became 中央生态环境保护督察组, 环境保护部 became 生态环境部)."""
    if day is None:
        return name, en
    for since, before, after, after_en in lexicon("zh").get("authorities_renamed", []):
        if name in (before, after):
            return (after, after_en) if day >= since else (before, en if name == before else None)
    return name, en


def _central_team(m: re.Match[str], day: str | None) -> tuple[str, str | None]:
    """中央第八环保督察组 -> 中央第八环境保护督察组; several teams (中央第一、第二环保督察组) -> the body."""
    written = m.group("team")
    numbered = m.group("num") and "、" not in m.group("num")
    if numbered:
        full = re.sub(r"环(?:境)?保(?:护)?督察组$", "环境保护督察组", written)
        return full, "Central Ecological and Environmental Inspection Team"
    name = "中央生态环境保护督察组" if "生态" in written else "中央环境保护督察组"
    return _renamed(name, "Central Ecological and Environmental Inspection Team", day)


def _zh_authority(draft: NoticeView) -> tuple[str, str | None] | None:
    lex = lexicon("zh")
    text = draft.norm
    gaz = load_gazetteer()
    candidates = []
    day = _day(draft)
    for m in _zh_authority_pattern().finditer(text):
        if text[max(0, m.start() - 1):m.start()] == "原" and m.group("name"):
            continue  # 原环境保护部: the former ministry, named in passing
        if m.group("team"):
            candidates.append((m.start(), _central_team(m, day)))
        elif m.group("local"):
            written = re.sub(r"第[一二三四五六七八九十]+批", "", m.group("local"))
            if not m.group("lplace"):
                home = _home_province(draft)
                if home is None:
                    continue
                written = home.name + written[len(re.match(r"省|自治区|市", written).group(0)):]
            candidates.append((m.start(), (written, None)))
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
        chosen = in_title[0][1]  # the headline names its issuer: 黑龙江省生态环境厅公布…
    else:
        chosen = _agent(draft, candidates, lex.act_triggers)
    return _numbered_team(chosen, candidates)


def _numbered_team(chosen: tuple[str, str | None], candidates) -> tuple[str, str | None]:
    """"督察组" named generally where the text names the one team (中央第八环境保护督察组): that team."""
    if not chosen[0].endswith("督察组") or "第" in chosen[0]:
        return chosen
    central = chosen[0].startswith("中央")
    numbered = {c[1] for c in candidates if c[1][0].endswith("督察组") and "第" in c[1][0]
                and c[1][0].startswith("中央") == central}
    return numbered.pop() if len(numbered) == 1 else chosen


def _day(draft: NoticeView) -> str | None:
    """The notice's date (the act's, else the publication's), else the first day of its year."""
    day = draft.date or draft.doc._.published
    return day or (f"{draft.year}-01-01" if draft.year else None)


def _home_province(draft: NoticeView):  # noqa: ANN202 - Division | None
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
    names = alternation([*lex["authorities"], *lex.get("authorities_generic", {})]).pattern
    suffixes = alternation(list(lex["authority_suffixes"])).pattern
    return re.compile(rf"(?P<name>\b(?i:{names})\b)|(?P<place>[A-Z][a-z]+(?:\s(?!Provincial|Municipal)[A-Z][a-z]+)?)\s+(?P<suffix>{suffixes})")


def _en_authority(draft: NoticeView) -> tuple[str, str | None] | None:
    lex = lexicon("en")
    text = draft.norm
    gaz = load_gazetteer()
    candidates = []
    for m in _en_authority_pattern().finditer(text):
        if re.search(r"\bformer\s+(?:the\s+)?$", text[max(0, m.start() - 12):m.start()], re.I):
            continue
        if m.group("name"):
            said = m.group("name").lower()
            generic = lex.get("authorities_generic", {})
            key = next((k for k in lex["authorities"] if k.lower() == said), None)
            if key is not None:
                name, en = lex["authorities"][key]
            else:
                key = next(k for k in generic if k.lower() == said)
                name, en = _renamed(*generic[key], _day(draft))
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
        if divs[0].level == "province":
            zh = lex.get("province_bureaus", {}).get(zh, zh)  # a province's "bureau" is its 厅
        candidates.append((m.start(), (divs[0].name + zh, f"{place} {m.group('suffix')}")))
    home = None
    for m in _EN_PROVINCIAL.finditer(text):
        home = home or _home_province(draft)
        if home is not None:
            zh = "环境保护厅" if "protection" in m.group(0).lower() else "生态环境厅"
            candidates.append((m.start(), (home.name + zh, None)))
    if not candidates:
        return None
    candidates.sort(key=lambda c: c[0])
    return _agent(draft, candidates, lex.act_triggers)


# "the provincial ecology and environment department": the department of the notice's province
_EN_PROVINCIAL = re.compile(r"\bprovincial (?:ecology and environment|eco-environment(?:al)?|environmental protection) "
                            r"(?:department|bureau)\b", re.I)


def authority(draft: NoticeView) -> tuple[str, str | None] | None:
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
