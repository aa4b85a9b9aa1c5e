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
from ..pinyin import common_surnames, is_surname_start, person_name_en, surnames
from .lexicon import alternation, lexicon
from .mentions import (DATE, OFFICIAL, PLACE, NoticeView, OfficialInfo, PlaceInfo, Taken, mark_done,
                       require, view)


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _org_end() -> frozenset[str]:
    return lexicon("zh").members("name_org_end_chars")


def _name_boundary() -> frozenset[str]:
    return lexicon("zh").members("name_boundary_chars")


@cache
def _zh_title_pattern() -> re.Pattern[str]:
    lex = lexicon("zh")
    titles = alternation(lex["titles"]).pattern
    prefixes = alternation(lex["title_prefixes"]).pattern
    return re.compile(f"(?:{prefixes})?(?P<title>{titles})")


def _place_ending_at(draft: NoticeView, pos: int, slack: int = 0) -> PlaceInfo | None:
    for p in draft.places_in(max(0, pos - slack - 40), pos + 1):
        if pos - slack <= p.end <= pos + 1 and p.start < pos:
            return p
    return None


def _city(code: str) -> tuple[str | None, str | None]:
    """(canonical name, code) of the city a place mention resolved to."""
    div = load_gazetteer().by_code(code)
    return (div.name, div.code) if div else (None, None)


@cache
def _dot_name() -> re.Pattern[str]:
    dots = re.escape(lexicon("zh")["name_dots"])
    return re.compile(rf"[\u4e00-\u9fff]{{1,6}}[{dots}][\u4e00-\u9fff]{{1,6}}")


@cache
def _rare_surnames() -> frozenset[str]:
    return surnames() - common_surnames()


def _list_end() -> frozenset[str]:
    return lexicon("zh").members("name_list_end_chars")


def _zh_bounded_name(draft: NoticeView, pos: int) -> tuple[int, int] | None:
    """A four-character name that runs from ``pos`` to a comma or list mark (哈斯布和, 阿不都拉):
    names transcribed from Mongolian, Uyghur or Tibetan have no Han surname to start from."""
    text = draft.norm
    cand = text[pos:pos + 4]
    if len(cand) < 4 or text[pos + 4:pos + 5] not in _list_end() or text[pos + 4:pos + 5] == "":
        return None
    lex = lexicon("zh")
    four_not = lex.members("name_four_not_chars")
    if not all(_HAN.match(ch) for ch in cand) or any(ch in _org_end() or ch in four_not for ch in cand):
        return None
    verbs = set(lex["verbs_after_name"])
    k = is_surname_start(cand)
    if k == 2 or (k == 1 and cand[:1] not in _rare_surnames() and cand[-1] in lex["name_stop_chars"]):
        return None  # 黄俊龙说: a common surname and a stop character make a name and a verb
    if _zh_title_pattern().search(cand) or lex.act_triggers.search(cand):
        return None
    if cand[:2] in verbs or cand[2:] in verbs or cand[1:3] in verbs:
        return None
    if draft.overlaps(pos, pos + 4, (PLACE, DATE)):
        return None
    return pos, pos + 4


def _zh_name_after(draft: NoticeView, pos: int) -> tuple[int, int] | None:
    text = draft.norm
    while pos < len(text) and text[pos] in " \u3000":
        pos += 1
    bounded = _zh_bounded_name(draft, pos)
    if bounded is not None:
        return bounded
    dotted = _dot_name().match(text, pos)
    if dotted:
        stop = lexicon("zh")["name_stop_chars"]
        dot = max(text.rfind(d, pos, dotted.end()) for d in lexicon("zh")["name_dots"])
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
    if text[pos:pos + k] in _rare_surnames():
        # 介绍, 政府, 考察江: a rare surname starts a name only as a whole three-character name,
        # and never when it is a word that rarely belongs to a name (及企业)
        if text[pos:pos + k] in lexicon("zh")["name_stop_chars"]:
            return None
        nxt = text[pos + k + 2:pos + k + 3]
        verbs = lexicon("zh")["verbs_after_name"]
        if len(given) < 2 or not (not nxt or not _HAN.match(nxt) or nxt in _name_boundary()
                                  or any(text.startswith(w, pos + k + 2) for w in verbs)):
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
    if draft.overlaps(pos, pos + k + len(given), (PLACE, DATE)):
        return None
    if given[-1] in _org_end():
        return None  # 安分局, 王家村: an organisation or a place, not a person
    return pos, pos + k + len(given)


def _after_org(draft: NoticeView, pos: int) -> bool:
    """Whether a place or a body ends right at ``pos`` (农安县|王某某县长, 环境保护厅|王某某厅长)."""
    if any(p.end == pos for p in draft.places_in(max(0, pos - 12), pos)):
        return True
    return draft.norm.endswith(tuple(lexicon("zh")["authority_suffixes"]), 0, pos)


def _zh_name_before(draft: NoticeView, pos: int) -> tuple[int, int] | None:
    text = draft.norm
    for length in (3, 2):
        s = pos - length
        if s < 0:
            continue
        cand = text[s:pos]
        if not all(_HAN.match(ch) for ch in cand):
            continue
        if cand in lexicon("zh")["not_names"] or cand[-1] in lexicon("zh")["name_stop_chars"]:
            continue
        k = is_surname_start(cand)
        if k and cand[:k] in _rare_surnames() and len(cand) - k < 2:
            continue  # 政府分管负责人: a rare surname starts only a whole three-character name
        if (s == 0 or text[s - 1] in _name_boundary() or _after_org(draft, s)) and k and cand[-1] not in _org_end():
            if not draft.overlaps(s, pos, (PLACE, DATE)):
                return s, pos
    return None


def _zh_org(draft: NoticeView, start: int, title: str) -> tuple[str | None, str | None]:
    """The place or body written right before the title (within the clause)."""
    text = draft.norm
    window_start = max(0, start - 24)
    before = text[window_start:start]
    cut = max(before.rfind(ch) for ch in lexicon("zh")["org_clause_marks"])
    before_start = window_start + cut + 1
    place = None
    for p in draft.places_in(before_start, start + 1):
        if p.end >= start - 12:
            place = p
    lex = lexicon("zh")
    seg = text[before_start:start]
    body = next((s for s in lex.words("org_suffixes") if seg.endswith(s)), None)
    if body and body not in lex["org_suffixes_of_a_city"]:
        org_start = place.start if place is not None and place.start >= before_start else before_start
        org = draft.text[org_start:start]
        return (org.strip() or None, None)
    if place is not None:
        return _city(place.code)
    if title.endswith(tuple(lex["titles_sharing_place"])):
        # "市长刘峰" with the city earlier in the sentence
        s, _ = draft.sentence_at(start)
        near = [p for p in draft.places_in(s, start) if p.level in ("prefecture", "county", "municipality")]
        if near:
            return _city(near[-1].code)
    return (None, None)


def find_zh(draft: NoticeView) -> list[OfficialInfo]:
    text = draft.norm
    lex = lexicon("zh")
    not_official = re.compile("(?:" + alternation(lex["not_official"]).pattern + r")[\s:：/|]*$")
    not_after_mayor = set(lex["not_after_mayor"])
    found: list[OfficialInfo] = []
    for m in _zh_title_pattern().finditer(text):
        ts, te = m.span("title")
        title = m.group("title")
        if draft.overlaps(ts, te, (PLACE,)):
            # 晋城市长: the place took 市; only the short titles may share it
            place = _place_ending_at(draft, ts + 1)
            if not (title in lex["titles_sharing_place"] and place and place.end == ts + 1):
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
        raw = draft.text[ns:ne]
        found.append(OfficialInfo(ns, ne, raw, draft.text[ts:te], m.start(), person_name_en(raw)))
        # 监察专员罗某某、郑某某: more names after the same post, one list mark apart
        for _ in range(6):
            if text[ne:ne + 1] != "、":
                break
            more = _zh_name_after(draft, ne + 1)
            if more is None:
                break
            after = text[more[1]:more[1] + 2]
            if not (after[:1] in _list_end() | {"等"} or after in lex["verbs_after_name"]):
                break
            ns, ne = more
            raw = draft.text[ns:ne]
            found.append(OfficialInfo(ns, ne, raw, draft.text[ts:te], m.start(), person_name_en(raw)))
    return found


# -- English -------------------------------------------------------------------------------

@cache
def _en_surnames() -> frozenset[str]:
    out = set()
    for s in common_surnames():
        try:
            out.add(person_name_en(s).split()[0])
        except (IndexError, ValueError):
            continue
    return frozenset(out)


_EN_NAME = r"(?P<name>[A-Z][a-z]{1,7} [A-Z][a-z]+(?:[-'][A-Za-z][a-z]*)?)"


@cache
def _en_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon("en")
    titles = "(?i:" + alternation(lex["titles"]).pattern + ")"
    prefixes = "(?i:" + alternation(lex["title_prefixes"]).pattern + ")"
    org_words = "(?:[A-Z][\\w'’-]*|" + alternation(lex["org_joining_words"]).pattern + ")"
    articles = alternation(lex["title_articles"]).pattern
    # "Mayor Wang Litong", "Minister of Ecology and Environment Huang Runqiu"
    before = re.compile(
        rf"\b(?:(?:{prefixes})\s+)?(?P<title>{titles})(?:\s+of\s+(?:the\s+)?(?P<org>{org_words}(?:\s+{org_words}){{0,8}}?))?,?\s+{_EN_NAME}\b")
    # "Wang Litong, mayor of Handan", "Lei Jiankun was elected mayor of Yangquan"
    after = re.compile(
        rf"{_EN_NAME}\s*,?\s+(?:\d{{1,3}},\s+)?(?i:the\s+|(?:{articles})\s+|who\s+(?:is|was)\s+(?:the\s+)?|(?:was|has been)\s+(?:elected|appointed|named)\s+(?:as\s+)?|(?:became|becomes)\s+(?:the\s+)?)?(?:(?:{prefixes})\s+)?(?P<title>{titles})\b(?:\s+of\s+(?:the\s+)?(?P<org>{org_words}(?:\s+{org_words}){{0,8}}))?")
    return before, after


def _en_valid_name(name: str) -> bool:
    first = name.split()[0]
    return first in _en_surnames() and name[0].isupper() and name.split()[1][0].isupper()


def _en_org(draft: NoticeView, org_text: str | None, org_start: int | None, title_start: int) -> tuple[str | None, str | None]:
    if org_text and org_start is not None:
        places = draft.places_in(org_start, org_start + len(org_text) + 40)
        places = [p for p in places if p.start < org_start + len(org_text)]
        body = re.search(r"(?i)\b(?:" + alternation(lexicon("en")["org_words"]).pattern + r")\b", org_text)
        if places and not body:
            return _city(places[0].code)
        authorities = {k.lower(): v[0] for k, v in lexicon("en")["authorities"].items()}
        for key in (org_text.lower(), "ministry of " + org_text.lower()):
            if key.strip() in authorities:
                return (authorities[key.strip()], None)
        return (org_text.strip(" ,"), None)
    place = None
    for p in draft.places_in(max(0, title_start - 60), title_start + 1):
        if title_start - 2 <= p.end <= title_start:
            place = p
    if place is not None and re.fullmatch(r"[\s']*(?:s\s*)?", draft.norm[place.end:title_start] or " ") is not None:
        return _city(place.code)
    if place is not None:
        between = draft.norm[place.end:title_start]
        if re.fullmatch(r"\s*(?:Municipal|City|County|Provincial|District)?\s*(?:Party\s+Committee\s+|Government\s+)?", between):
            return _city(place.code)
    return (None, None)


def find_en(draft: NoticeView) -> list[OfficialInfo]:
    text = draft.norm
    lex = lexicon("en")
    not_official = re.compile(r"(?:\b(?:" + "|".join(re.escape(w) for w in lex["not_official"]) + r")\b|(?:^|\n)\s*by)\s*:?\s*$", re.I)
    before, after = _en_patterns()
    found: list[OfficialInfo] = []
    taken = Taken()  # names found so far: an overlap test by binary search, not a scan of all
    for pattern in (before, after):
        for m in pattern.finditer(text):
            ns, ne = m.span("name")
            name = text[ns:ne]
            if taken.overlaps(ns, ne):
                continue
            if not _en_valid_name(name):
                continue
            if draft.overlaps(ns, ne, (PLACE, DATE)):
                continue
            if not_official.search(text[max(0, m.start() - 14):m.start()]):
                continue
            org_start = m.start("org") if m.group("org") else None
            taken.add(ns, ne)
            found.append(OfficialInfo(ns, ne, draft.text[ns:ne], m.group("title"), m.start("title"),
                                      draft.text[ns:ne], m.group("org"), org_start))
    found.sort(key=lambda o: o.start)
    return found


def org_of(draft: NoticeView, info: OfficialInfo) -> tuple[str | None, str | None]:
    """The place or body an official serves, from the places written around the title, as
    (org, city code); the code is None for a body that is no city."""
    if draft.lang == "zh":
        from ..text import normalize

        return _zh_org(draft, info.title_start, normalize(info.title))
    return _en_org(draft, info.org_text, info.org_start, info.title_start)


@Language.factory("notices_officials", assigns=["doc.spans", "span._.official"],
                  requires=["span._.place", "span._.date"])
def make_officials(nlp: Language, name: str):  # noqa: ANN201
    def component(doc: Doc) -> Doc:
        require(doc, "notices_officials", ("notices_dates", "notices_places"))
        v = view(doc)
        for info in (find_zh(v) if v.lang == "zh" else find_en(v)):
            v.add(OFFICIAL, info)
        mark_done(doc, "notices_officials")
        return doc

    return component
