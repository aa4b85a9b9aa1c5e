"""Officials: named people with their post, in both languages.

Chinese: a title from the lexicon (市长, 副部长, 生态环境局局长, …) with a name right after it
(市长王立彤) or right before it (黄润秋部长); the name starts with a known surname. 晋城市长刘峰
reads as 晋城市 + 市长 + 刘峰, but 九江市长江 is a city and a river. English: "Mayor Wang Litong",
"Jincheng Mayor Liu Feng", "Wang Litong, mayor of Handan", "deputy director Liu Changgen".
Bylines, reporters and editors are never officials. ``org`` is the city (canonical) or body
written next to the title.
"""
from __future__ import annotations

import re
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from ..gazetteer import load_gazetteer
from ..pinyin import is_surname_start, person_name_en, surnames
from ..record import Official
from .draft import Draft, PlaceMention, ensure_draft
from .lexicon import alternation, lexicon

_HAN = re.compile(r"[\u4e00-\u9fff]")
_ORG_END = set("局厅部处科委办队组院所站区县市省镇乡村")
_NAME_BOUNDARY = set("，。、；：,;:!?！？ \n\t（(）)“”\"'和与及由对向跟同")


@cache
def _zh_title_pattern() -> re.Pattern[str]:
    lex = lexicon("zh")
    titles = alternation(lex["titles"]).pattern
    prefixes = alternation(lex["title_prefixes"]).pattern
    return re.compile(f"(?:{prefixes})?(?P<title>{titles})")


def _place_ending_at(draft: Draft, pos: int, slack: int = 0) -> PlaceMention | None:
    for p in draft.places:
        if pos - slack <= p.end <= pos + 1 and p.start < pos:
            return p
    return None


def _city_name(code: str) -> str | None:
    div = load_gazetteer().by_code(code)
    return div.name if div else None


_DOT_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}[·•・][\u4e00-\u9fff]{1,6}")


def _zh_name_after(draft: Draft, pos: int) -> tuple[int, int] | None:
    text = draft.norm
    while pos < len(text) and text[pos] in " \u3000":
        pos += 1
    dotted = _DOT_NAME.match(text, pos)
    if dotted:
        stop = lexicon("zh")["name_stop_chars"]
        dot = max(text.rfind(d, pos, dotted.end()) for d in "·•・")
        end = dot + 1
        while end < dotted.end() and end - dot <= 4 and text[end] not in stop:
            end += 1
        return pos, end
    k = is_surname_start(text[pos:pos + 2])
    if not k:
        return None
    stop = lexicon("zh")["name_stop_chars"]
    given = ""
    for ch in text[pos + k:pos + k + 2]:
        if not _HAN.match(ch):
            break
        given += ch
    if not given:
        return None
    if len(given) == 2:
        three = text[pos:pos + k + 2]
        after = text[pos + k + 2:pos + k + 3]
        if given[1] in stop and text.count(three) <= 1:
            given = given[:1]
        elif text[pos + k + 1:pos + k + 3] in lexicon("zh")["verbs_after_name"]:
            given = given[:1]
        elif after and _HAN.match(after) and after not in stop and given[1] in stop:
            given = given[:1]
    if draft.is_claimed(pos, pos + k + len(given), ("place", "date")):
        return None
    if given[-1] in _ORG_END:
        return None  # 安分局, 王家村: an organisation or a place, not a person
    return pos, pos + k + len(given)


def _zh_name_before(draft: Draft, pos: int) -> tuple[int, int] | None:
    text = draft.norm
    for length in (3, 2):
        s = pos - length
        if s < 0:
            continue
        cand = text[s:pos]
        if not all(_HAN.match(ch) for ch in cand):
            continue
        if (s == 0 or text[s - 1] in _NAME_BOUNDARY) and is_surname_start(cand) and cand[-1] not in _ORG_END:
            if not draft.is_claimed(s, pos, ("place", "date")):
                return s, pos
    return None


def _zh_org(draft: Draft, start: int, title: str) -> str | None:
    """The place or body written right before the title (within the clause)."""
    text = draft.norm
    window_start = max(0, start - 24)
    before = text[window_start:start]
    cut = max(before.rfind(ch) for ch in "，。；、,;:\n ")
    before_start = window_start + cut + 1
    place = None
    for p in draft.places:
        if before_start <= p.start and p.end <= start + 1 and p.end >= start - 12:
            place = p
    suffixes = lexicon("zh")["org_suffixes"]
    seg = text[before_start:start]
    body = next((s for s in sorted(suffixes, key=len, reverse=True) if seg.endswith(s)), None)
    if body and body not in ("人民政府", "政府", "市委", "县委", "区委"):
        org_start = place.start if place is not None and place.start >= before_start else before_start
        org = draft.text[org_start:start]
        return org.strip() or None
    if place is not None:
        return _city_name(place.code)
    if title.endswith(("市长", "县长", "区长", "州长")):
        # "市长刘峰" with the city earlier in the sentence
        s, _ = draft.sentence_at(start)
        near = [p for p in draft.places if s <= p.start < start and p.level in ("prefecture", "county", "municipality")]
        if near:
            return _city_name(near[-1].code)
    return None


def find_zh(draft: Draft) -> list[Official]:
    text = draft.norm
    lex = lexicon("zh")
    not_official = re.compile("(?:" + alternation(lex["not_official"]).pattern + r")[\s:：/|]*$")
    not_after_mayor = set(lex["not_after_mayor"])
    found: list[Official] = []
    for m in _zh_title_pattern().finditer(text):
        ts, te = m.span("title")
        title = m.group("title")
        if draft.is_claimed(ts, te, ("place",)):
            # 晋城市长: the place took 市; only the short titles may share it
            place = _place_ending_at(draft, ts + 1)
            if not (title in ("市长", "县长", "区长", "州长") and place and place.end == ts + 1):
                continue
            if text[te:te + 2] in not_after_mayor or text[ts + 1:ts + 3] in not_after_mayor:
                continue
        name = _zh_name_after(draft, te)
        if name is None:
            name = _zh_name_before(draft, m.start())
        if name is None:
            continue
        ns, ne = name
        context = text[max(0, min(ns, m.start()) - 8):min(ns, m.start())]
        if not_official.search(context):
            continue
        full_title = draft.text[ts:te]
        org = _zh_org(draft, m.start(), title)
        raw = draft.text[ns:ne]
        found.append(Official(name=raw, title=full_title, org=org,
                              name_en=person_name_en(raw), span=(ns, ne)))
        draft.claim(ns, ne, "person")
    return found


# -- English -------------------------------------------------------------------------------

@cache
def _en_surnames() -> frozenset[str]:
    out = set()
    for s in surnames():
        try:
            out.add(person_name_en(s).split()[0])
        except (IndexError, ValueError):
            continue
    return frozenset(out)


_EN_NAME = r"(?P<name>[A-Z][a-z]{1,7} [A-Z][a-z]+(?:[-'][A-Za-z][a-z]*)?)"
_EN_ORG_WORDS = r"(?:[A-Z][\w'’-]*|and|of|the|for|&)"


@cache
def _en_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon("en")
    titles = "(?i:" + alternation(lex["titles"]).pattern + ")"
    prefixes = "(?i:" + alternation(lex["title_prefixes"]).pattern + ")"
    # "Mayor Wang Litong", "Minister of Ecology and Environment Huang Runqiu"
    before = re.compile(
        rf"\b(?:(?:{prefixes})\s+)?(?P<title>{titles})(?:\s+of\s+(?:the\s+)?(?P<org>{_EN_ORG_WORDS}(?:\s+{_EN_ORG_WORDS}){{0,8}}?))?,?\s+{_EN_NAME}\b")
    # "Wang Litong, mayor of Handan", "Lei Jiankun was elected mayor of Yangquan"
    after = re.compile(
        rf"{_EN_NAME}\s*,?\s+(?i:the\s+|who\s+(?:is|was)\s+(?:the\s+)?|(?:was|has been)\s+(?:elected|appointed|named)\s+(?:as\s+)?|(?:became|becomes)\s+(?:the\s+)?)?(?:(?:{prefixes})\s+)?(?P<title>{titles})\b(?:\s+of\s+(?:the\s+)?(?P<org>{_EN_ORG_WORDS}(?:\s+{_EN_ORG_WORDS}){{0,8}}))?")
    return before, after


def _en_valid_name(name: str) -> bool:
    first = name.split()[0]
    return first in _en_surnames() and name[0].isupper() and name.split()[1][0].isupper()


def _en_org(draft: Draft, org_text: str | None, org_start: int | None, title_start: int) -> str | None:
    if org_text and org_start is not None:
        places = [p for p in draft.places if org_start <= p.start < org_start + len(org_text)]
        body = re.search(r"(?i)\b(ministry|department|bureau|commission|committee|office|team|government|administration)\b", org_text)
        if places and not body:
            return _city_name(places[0].code)
        authorities = {k.lower(): v[0] for k, v in lexicon("en")["authorities"].items()}
        for key in (org_text.lower(), "ministry of " + org_text.lower()):
            if key.strip() in authorities:
                return authorities[key.strip()]
        return org_text.strip(" ,")
    place = None
    for p in draft.places:
        if title_start - 25 <= p.end <= title_start and p.end >= title_start - 2:
            place = p
    if place is not None and re.fullmatch(r"[\s']*(?:s\s*)?", draft.norm[place.end:title_start] or " ") is not None:
        return _city_name(place.code)
    if place is not None:
        between = draft.norm[place.end:title_start]
        if re.fullmatch(r"\s*(?:Municipal|City|County|Provincial|District)?\s*(?:Party\s+Committee\s+|Government\s+)?", between):
            return _city_name(place.code)
    return None


def find_en(draft: Draft) -> list[Official]:
    text = draft.norm
    lex = lexicon("en")
    not_official = re.compile(r"(?:\b(?:" + "|".join(re.escape(w) for w in lex["not_official"]) + r")\b|(?:^|\n)\s*by)\s*:?\s*$", re.I)
    before, after = _en_patterns()
    found: list[Official] = []
    taken: list[tuple[int, int]] = []
    for pattern in (before, after):
        for m in pattern.finditer(text):
            ns, ne = m.span("name")
            name = text[ns:ne]
            if any(a < ne and ns < b for a, b in taken):
                continue
            if not _en_valid_name(name):
                continue
            if draft.is_claimed(ns, ne, ("place", "date")):
                continue
            if not_official.search(text[max(0, m.start() - 14):m.start()]):
                continue
            title = m.group("title")
            org_start = m.start("org") if m.group("org") else None
            org = _en_org(draft, m.group("org"), org_start, m.start("title"))
            taken.append((ns, ne))
            found.append(Official(name=draft.text[ns:ne], title=title, org=org,
                                  name_en=draft.text[ns:ne], span=(ns, ne)))
            draft.claim(ns, ne, "person")
    found.sort(key=lambda o: o.span[0] if o.span else 0)
    return found


def merge(officials: list[Official]) -> list[Official]:
    """One entry per person: the first mention, completed by later ones."""
    by_name: dict[str, Official] = {}
    for o in officials:
        seen = by_name.get(o.name)
        if seen is None:
            by_name[o.name] = o
        else:
            seen.org = seen.org or o.org
    return list(by_name.values())


@Language.factory("notices_officials")
def make_officials(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        draft = ensure_draft(doc)
        found = find_zh(draft) if draft.lang == "zh" else find_en(draft)
        draft.officials = merge(found)
        return doc

    return component
